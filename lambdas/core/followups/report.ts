import type { ChecklistItem } from '../checklist/types';
import type { CheckResult } from '../findings';
import type { HistoryEvent } from '../history/events';
import type { TriggerTrend } from '../watch/trend';
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

/** A trigger whose value since the deployment is this many times its baseline is called out. */
export const TREND_ALERT_RATIO = 1.5;

function trendLine(trend: TriggerTrend): string {
  const fmt = (v: number | null) => (v === null ? 'n/a' : String(Math.round(v * 10_000) / 10_000));
  const ratio = trend.ratio === null ? '' : ` (${Math.round(trend.ratio * 100) / 100}x)`;
  const flag = trend.ratio !== null && trend.ratio >= TREND_ALERT_RATIO ? '  <- worse than the baseline' : '';
  return `  ${trend.triggerId}: ${fmt(trend.sinceMedian)} since the deployment against ${fmt(trend.baselineMedian)} before${ratio}, ${trend.periods} periods${flag}`;
}

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
  trends: readonly TriggerTrend[] = [],
): FollowupReport {
  const problems = results.flatMap((r) =>
    r.findings.filter((f) => f.status === 'FAIL' || f.status === 'ERROR'),
  );
  const incidents = since.filter(
    (e) => e.deploymentId === request.deploymentId && (e.kind === 'rollback' || e.kind === 'abort'),
  );
  // Later deployments of the same service in the same environment: other services' do not count.
  const later = since.filter(
    (e) =>
      e.kind === 'watch-decided' &&
      e.deploymentId !== request.deploymentId &&
      e.service === request.service &&
      e.environment === request.environment,
  );
  const worse = trends.filter((t) => t.ratio !== null && t.ratio >= TREND_ALERT_RATIO);
  const status = problems.length === 0 && incidents.length === 0 && worse.length === 0 ? 'PASS' : 'FAIL';
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
    ...(trends.length === 0
      ? []
      : ['Performance against the baseline (medians per period):', ...trends.map(trendLine), '']),
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
  const sms = `Preflight follow-up ${request.delay} ${who}: ${status}, ${problems.length} failing, ${incidents.length} incidents${worse.length > 0 ? `, ${worse.length} worse than baseline` : ''}.`;
  return {
    subject: `Preflight follow-up ${request.delay} ${status}: ${who}`
      .replace(/[^\x20-\x7e]/g, '?')
      .slice(0, 100),
    email: lines.join('\n'),
    sms: sms.length > 160 ? `${sms.slice(0, 159)}~` : sms,
    status,
  };
}
