import { EVERYONE, PATHED } from '../config/principal-pattern';

/*
 * Who is calling, as AWS authenticated it, and who may act. A caller is read from the signed request
 * (the function URL's IAM authorizer context), never from the body. An assumed-role session
 * (`arn:aws:sts::111122223333:assumed-role/Approvers/ana`) acts as its role
 * (`arn:aws:iam::111122223333:role/Approvers`); the full session ARN is what gets recorded.
 */

/** The authenticated caller of a request. */
export interface Caller {
  /** The ARN AWS authenticated, e.g. an assumed-role session: recorded as `by`. */
  readonly arn: string;
  /** The principal authorization is decided on: the role of a session, else the ARN itself. */
  readonly principal: string;
  readonly accountId: string;
}

/** The request carries no identity AWS authenticated. */
export class UnauthenticatedError extends Error {
  override readonly name = 'UnauthenticatedError';
}

const ASSUMED_ROLE = /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/;
const IAM_ENTITY = /^arn:(aws[a-z-]*):iam::(\d{12}):(role|user)\/(?:.*\/)?([^/]+)$/;

/**
 * The principal an ARN authorizes as: an assumed-role session becomes its role; an IAM role or user
 * loses its path (names are unique in an account whatever the path, and a session ARN has none).
 */
export function normalizePrincipal(arn: string): string {
  const session = ASSUMED_ROLE.exec(arn);
  if (session !== null) return `arn:${session[1]}:iam::${session[2]}:role/${session[3]}`;
  const entity = IAM_ENTITY.exec(arn);
  if (entity !== null) return `arn:${entity[1]}:iam::${entity[2]}:${entity[3]}/${entity[4]}`;
  return arn;
}

/** The caller of a function URL request with `AWS_IAM` auth, from its authorizer context only. */
export function callerFromIam(iam: { userArn?: unknown; accountId?: unknown } | undefined): Caller {
  const arn = iam?.userArn;
  if (typeof arn !== 'string' || !arn.startsWith('arn:')) {
    throw new UnauthenticatedError(
      'the request carries no AWS identity: the control URL must be called with a SigV4-signed request (AWS_IAM auth)',
    );
  }
  const accountId = typeof iam?.accountId === 'string' ? iam.accountId : (arn.split(':')[4] ?? '');
  return { arn, principal: normalizePrincipal(arn), accountId };
}

/** A role or user pattern without its path: `role/team/Approvers` → `role/Approvers`. */
function withoutPath(pattern: string): string {
  return pattern.replace(PATHED, '$1$3');
}

function patternRegex(pattern: string): RegExp {
  const escaped = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^:/]*');
  return new RegExp(`^${escaped}$`);
}

/**
 * Whether `caller` matches `pattern`. `*` alone matches everyone; otherwise `*` matches within one
 * ARN segment (never across `:` or `/`). A role or user pattern is compared with the caller's
 * principal, paths ignored; an `assumed-role` pattern with the session ARN itself, for roles whose
 * trust policy pins the session name (IAM Identity Center does).
 */
export function matchesPattern(caller: Caller, pattern: string): boolean {
  if (pattern === EVERYONE) return true;
  if (pattern.includes(':assumed-role/')) return patternRegex(pattern).test(caller.arn);
  return patternRegex(withoutPath(pattern)).test(caller.principal);
}

/** The first pattern that lets `caller` act, or `undefined`. */
export function allowingPattern(caller: Caller, patterns: readonly string[]): string | undefined {
  return patterns.find((pattern) => matchesPattern(caller, pattern));
}
