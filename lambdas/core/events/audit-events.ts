import type { AuditReport } from '../report/model';
import { DETAIL_TYPES, DETAIL_VERSION, type EventEntry, entryOf } from './model';

export interface AuditEventInput {
  readonly mode: 'gate' | 'scheduled';
  readonly runId: string;
  readonly report: AuditReport;
  /** Whether the run tells anyone: a scheduled run tells only of new failures and recoveries. */
  readonly notify: boolean;
  /** True while a passing gate waits for sign-offs: its verdict is not final yet. */
  readonly awaitSignoffs: boolean;
  readonly subject: string;
  readonly reportLocation: { readonly json: string; readonly markdown: string };
}

/**
 * The events of one audit run: a gate's final verdict (every gate), or a posture change (a scheduled
 * run with something new to tell). None while a gate waits for sign-offs: the final report says it.
 */
export function auditEvents(input: AuditEventInput): EventEntry[] {
  if (input.awaitSignoffs) return [];
  if (input.mode === 'scheduled' && !input.notify) return [];
  const { report } = input;
  const { target } = report;
  const detail = {
    version: DETAIL_VERSION,
    service: target.service,
    environment: target.environment,
    account: target.account ?? null,
    region: target.region ?? null,
    regions: [...target.regions],
    verdict: report.verdict,
    counts: { ...report.counts },
    runId: input.runId,
    summary: input.subject,
    links: { report: input.reportLocation.json, reportMarkdown: input.reportLocation.markdown },
    blockingItems: [...report.blockingItems],
  };
  return [entryOf(input.mode === 'gate' ? DETAIL_TYPES.gateVerdict : DETAIL_TYPES.postureChanged, detail)];
}
