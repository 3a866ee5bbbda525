import type { ChecklistItem } from '../checklist/types';
import type { CheckResult } from '../findings';
import type { HistoryEvent } from '../history/events';
import type { FollowupRequest } from './plan';

export interface FollowupReport {
  readonly subject: string;
  readonly email: string;
  readonly sms: string;
  /** PASS when nothing needs attention, FAIL otherwise. */
  readonly status: 'PASS' | 'FAIL';
}

const LABEL: Readonly<Record<FollowupRequest['delay'], string>> = {
  '1h': 'first hour',
  '24h': 'first 24 hours',
  '7d': 'first week',
};

/**
 * The follow-up report of a deployment: the checks re-run now (alarms still functional, backups
 * still fresh), what happened to the deployment since (rollbacks, aborts, later decisions), and the
 * checklist items of this follow-up for people to confirm.
 */
export function followupReport(
  request: FollowupRequest,
  items: readonly ChecklistItem[],
  results: readonly CheckResult[],
  since: readonly HistoryEvent[],
): FollowupReport {
  const problems = results.flatMap((r) =>
    r.findings.filter((f) => f.status === 'FAIL' || f.status === 'ERROR'),
  );
  const incidents = since.filter(
    (e) => e.deploymentId === request.deploymentId && (e.kind === 'rollback' || e.kind === 'abort'),
  );
  const later = since.filter((e) => e.kind === 'watch-decided' && e.deploymentId !== request.deploymentId);
  const status = problems.length === 0 && incidents.length === 0 ? 'PASS' : 'FAIL';
  const who = `${request.service} ${request.environment} ${request.deploymentId}`;
  const lines = [
    `Follow-up after the ${LABEL[request.delay]} of ${who} (PROCEED at ${request.decidedAt}): ${status}.`,
    '',
    'Checks re-run now:',
    ...results.map((r) => {
      const failing = r.findings.filter((f) => f.status === 'FAIL' || f.status === 'ERROR').length;
      return `  ${r.checkId}: ${failing === 0 ? 'no failures' : `${failing} failing`} (${r.findings.length} findings)`;
    }),
    ...problems.map((f) => `    ${f.status} ${f.checkId} ${f.resource}: ${f.message}`),
    '',
    'Since the deployment:',
    ...(incidents.length === 0 ? ['  no rollback or abort'] : incidents.map((e) => `  ${e.kind} at ${e.at}`)),
    ...(later.length === 0
      ? []
      : [`  ${later.length} later deployment(s) of ${request.service} ${request.environment} decided since`]),
    '',
    'To confirm (checklist):',
    ...items.map((item) => `  [ ] ${item.id}  ${item.title}`),
    '',
  ];
  const sms = `Preflight follow-up ${request.delay} ${who}: ${status}, ${problems.length} failing, ${incidents.length} incidents.`;
  return {
    subject: `Preflight follow-up ${request.delay} ${status}: ${who}`
      .replace(/[^\x20-\x7e]/g, '?')
      .slice(0, 100),
    email: lines.join('\n'),
    sms: sms.length > 160 ? `${sms.slice(0, 159)}~` : sms,
    status,
  };
}
