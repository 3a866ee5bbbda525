import { createHash } from 'node:crypto';

/*
 * Step Functions execution names: 1-80 characters; for CloudWatch logging only letters, digits, - and _.
 * Preflight names an execution after its deployment id so that starting twice follows the first run,
 * which only works if two different ids never share a name.
 */

const MAX_NAME = 80;
const HASH_LENGTH = 10;
const SAFE = /^[A-Za-z0-9_-]+$/;
/** How a name made lossless ends: a safe id that ends so is made lossless too, or it could take another id's name. */
export const HASHED_ENDING = /-[0-9a-f]{10}$/;

/** A deployment id that cannot name an execution (empty, or without a letter or digit). */
export class ExecutionNameError extends Error {
  override readonly name = 'ExecutionNameError';
}

/**
 * The execution name for a deployment id, lossless: an id that is already a safe name of at most 80
 * characters is used as is; any other id is sanitized, shortened, and suffixed with a hash of the
 * whole original id, so `v1.2` and `v1-2` (or two long ids sharing 80 characters) never collide. A
 * safe id that ends like such a name (`v1-2-0e4f5bced9`) is suffixed too, so it never takes the name
 * of the id it looks made from.
 * @throws ExecutionNameError for an id with no letter or digit.
 */
export function executionName(deploymentId: string): string {
  if (!/[A-Za-z0-9]/.test(deploymentId)) {
    throw new ExecutionNameError(
      `the deployment id ${JSON.stringify(deploymentId)} needs at least one letter or digit`,
    );
  }
  if (SAFE.test(deploymentId) && deploymentId.length <= MAX_NAME && !HASHED_ENDING.test(deploymentId)) {
    return deploymentId;
  }
  const hash = createHash('sha256').update(deploymentId, 'utf8').digest('hex').slice(0, HASH_LENGTH);
  const readable = deploymentId
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_NAME - HASH_LENGTH - 1);
  return `${readable}-${hash}`;
}
