import { UsageError } from './usage-error';

/** Step Functions execution names allow letters, digits, - and _, up to 80 characters. */
export function executionName(deploymentId: string): string {
  const name = deploymentId.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 80);
  if (name.replace(/-/g, '') === '')
    throw new UsageError('the deployment id needs at least one letter or digit.');
  return name;
}
