/** Process exit codes shared by every command that judges something. */
export const EXIT = {
  /** Passed (PASS or WARN that does not block). */
  PASS: 0,
  /** A definite failure. */
  FAIL: 1,
  /** Nothing could be evaluated, or invalid input: never a pass. */
  ERROR: 2,
} as const;
