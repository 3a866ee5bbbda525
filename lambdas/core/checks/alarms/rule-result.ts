import type { FindingStatus } from '../../findings';

/** The per-alarm rules of the alarms check. */
export type AlarmRule = 'actions' | 'state' | 'missing-data';

/** One rule's verdict on one alarm, before it becomes (part of) a finding. */
export interface RuleResult {
  readonly rule: AlarmRule;
  readonly status: Exclude<FindingStatus, 'SKIPPED'>;
  readonly message: string;
  /** Present on WARN, FAIL and ERROR. */
  readonly remediation?: string;
  readonly evidence: Readonly<Record<string, unknown>>;
}
