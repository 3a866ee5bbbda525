import { AwsCallError, type AwsFailureKind } from '../core/errors';

const ACCESS_DENIED =
  /AccessDenied|UnauthorizedOperation|AuthorizationError|NotAuthorized|UnrecognizedClient|InvalidClientTokenId|ExpiredToken|Forbidden/i;
const THROTTLED = /Throttl|TooManyRequests|RequestLimitExceeded|SlowDown|RateExceeded|LimitExceeded/i;
const TIMEOUT = /Timeout|TimedOut/i;
/** Node's network error codes, upper case only: "ResourceNotFoundException" holds "eNotFound". */
const NETWORK = /\b(ETIMEDOUT|ECONNRESET|ECONNREFUSED|EAI_AGAIN|ENOTFOUND)\b/;
const NOT_FOUND = /NotFound|NoSuch/i;

interface SdkLikeError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: { throttling?: boolean };
}

function classify(error: SdkLikeError): AwsFailureKind {
  const name = `${error.name ?? ''} ${error.code ?? ''}`;
  if (ACCESS_DENIED.test(name) || error.$metadata?.httpStatusCode === 403) return 'access-denied';
  if (
    error.$retryable?.throttling === true ||
    THROTTLED.test(name) ||
    error.$metadata?.httpStatusCode === 429
  ) {
    return 'throttled';
  }
  if (TIMEOUT.test(name) || NETWORK.test(name)) return 'timeout';
  if (NOT_FOUND.test(name)) return 'not-found';
  if (error.name === 'SyntaxError' || /Deserializ|Unmarshall|parse/i.test(`${name} ${error.message ?? ''}`)) {
    return 'malformed-response';
  }
  return 'other';
}

/** Converts whatever an SDK call threw into an {@link AwsCallError} naming the IAM action. */
export function toAwsCallError(action: string, error: unknown): AwsCallError {
  if (error instanceof AwsCallError) return error;
  const e = (
    typeof error === 'object' && error !== null ? error : { message: String(error) }
  ) as SdkLikeError;
  return new AwsCallError(action, classify(e), e.name ?? e.code ?? 'Error', e.message ?? 'no message');
}

/**
 * Runs one AWS call (the SDK has already retried throttles with backoff by the time it throws)
 * and rethrows any failure as an {@link AwsCallError} for `action`.
 */
export async function callAws<T>(action: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toAwsCallError(action, error);
  }
}

/** Drains an SDK v3 paginator, naming `action` in any failure. */
export async function collectPages<P, T>(
  action: string,
  pages: AsyncIterable<P>,
  pick: (page: P) => readonly T[] | undefined,
): Promise<T[]> {
  const items: T[] = [];
  try {
    for await (const page of pages) items.push(...(pick(page) ?? []));
  } catch (error) {
    throw toAwsCallError(action, error);
  }
  return items;
}
