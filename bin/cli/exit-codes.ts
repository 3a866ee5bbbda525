/** Process exit codes shared by every command that judges something. */
export const EXIT = {
  /** Passed (PASS or WARN that does not block), or the request was done. */
  PASS: 0,
  /** A definite failure. */
  FAIL: 1,
  /** Nothing could be evaluated, or invalid input: never a pass. */
  ERROR: 2,
  /** The control endpoint (or IAM) refused the caller: not allowed to do this. */
  DENIED: 3,
  /** The control endpoint found nothing to act on (no pending sign-off, no watch, no window). */
  NOT_FOUND: 4,
  /** Already done (answered, aborted, overridden) or no longer possible: the first stands. */
  CONFLICT: 5,
} as const;
