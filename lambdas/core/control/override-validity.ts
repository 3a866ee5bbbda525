import type { WindowOverrideRecord } from './records';

/*
 * A window override is recorded per deployment id, before the gate starts (`preflight gate
 * --override-window` records it, then starts the run). But whoever may start the audit machine names
 * the execution and the deployment id: an override is believed only for the gate it was given for
 * (the service and environment it names) and only when recorded shortly before that run started, so
 * an old override (a deployment id reused, or named by hand) or another service's never opens the
 * window.
 */

/** How long before a gate starts its override may have been recorded. */
export const OVERRIDE_MAX_AGE_MS = 24 * 3_600_000;

/** Clock skew allowed between the control function and the run's start. */
const SKEW_MS = 5 * 60_000;

/** What the gate run asked for: its deployment id, service and environment, as its input named them. */
export interface OverriddenGate {
  readonly deploymentId: string;
  readonly service?: string;
  readonly environment?: string;
  readonly startedAt: Date;
}

/** Why the record does not count for this gate, or undefined when it does. */
export function overrideMismatch(record: WindowOverrideRecord, gate: OverriddenGate): string | undefined {
  if (record.deploymentId !== gate.deploymentId) return `recorded for deployment ${record.deploymentId}`;
  // Both as the gate's input named them: a record naming none counts only for a gate naming none.
  if (record.service !== gate.service || record.environment !== gate.environment) {
    return `recorded for ${record.service ?? 'no service'} in ${record.environment ?? 'no environment'}`;
  }
  const age = gate.startedAt.getTime() - Date.parse(record.at);
  if (!(age <= OVERRIDE_MAX_AGE_MS && age >= -SKEW_MS)) {
    return `recorded at ${record.at}, not within the 24 hours before the gate started`;
  }
  return undefined;
}
