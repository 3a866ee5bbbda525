/** Endpoints probed at once: each holds one socket for at most `timeoutMs`. */
export const PROBE_CONCURRENCY = 8;

/**
 * The time the endpoint probes may take in the check function (which stops after 5 minutes): the
 * rest is left for ACM and for reporting, so a function that runs out of time never loses every
 * finding it had.
 */
export const PROBE_BUDGET_MS = 240_000;

/** The longest the probes of `endpoints` endpoints can take: every one of them timing out. */
export function worstCaseProbeMs(endpoints: number, timeoutMs: number): number {
  return Math.ceil(endpoints / PROBE_CONCURRENCY) * timeoutMs;
}

/** Why these settings could outlast the budget, with what to change, or `null`. */
export function probeBudgetProblem(endpoints: number, timeoutMs: number): string | null {
  const worst = worstCaseProbeMs(endpoints, timeoutMs);
  if (worst <= PROBE_BUDGET_MS) return null;
  const fits = Math.floor(PROBE_BUDGET_MS / timeoutMs) * PROBE_CONCURRENCY;
  return `${endpoints} endpoints probed ${PROBE_CONCURRENCY} at a time with timeoutMs ${timeoutMs} could take ${worst / 1000} s, beyond the check's ${PROBE_BUDGET_MS / 1000} s: lower timeoutMs (to ${Math.floor(PROBE_BUDGET_MS / Math.ceil(endpoints / PROBE_CONCURRENCY))} or less), or probe at most ${fits} endpoints per service`;
}
