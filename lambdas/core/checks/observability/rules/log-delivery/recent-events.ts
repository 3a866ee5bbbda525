import type { Finding } from '../../../../findings';
import { errorFinding } from '../../../kit/finding';
import type { Outcome } from '../../../kit/outcome';
import { elapsedMinutes } from '../../../kit/time';
import { logFinding } from '../../finding';
import type { LogActivity, LogGroup } from '../../ports';

/** Minutes, or hours and days once they read better: "12 min", "3 h", "4 days". */
function age(minutes: number): string {
  if (minutes < 120) return `${Math.floor(minutes)} min`;
  if (minutes < 2 * 24 * 60) return `${Math.floor(minutes / 60)} h`;
  return `${Math.floor(minutes / (24 * 60))} days`;
}

/**
 * CloudWatch Logs updates a stream's last event and ingestion times eventually, "typically in less
 * than an hour": a silence shorter than this past the limit may be the API lagging, not the service.
 */
export const LOG_TIMESTAMP_LAG_MINUTES = 60;

/**
 * `recent-events`: the log group received an event within `maxSilenceMinutes`. The newest of the
 * last event time and the last ingestion time of its most recent streams counts. Silent past the
 * limit by less than {@link LOG_TIMESTAMP_LAG_MINUTES}: WARN (the API may lag); longer, or no event
 * ever: FAIL. The activity that could not be read: ERROR.
 */
export function judgeRecentEvents(
  group: LogGroup,
  activity: Outcome<LogActivity>,
  maxSilenceMinutes: number,
  now: Date,
): Finding {
  if (!activity.ok) {
    return errorFinding(logFinding, 'recent-events', group.arn, activity.error, { maxSilenceMinutes });
  }
  const { streams, lastEventAt, lastIngestionAt } = activity.value;
  const newest = [lastEventAt, lastIngestionAt]
    .filter((at): at is Date => at !== undefined)
    .reduce<Date | undefined>((best, at) => (best === undefined || at > best ? at : best), undefined);
  const evidence = {
    logGroup: group.name,
    streams,
    lastEventAt: lastEventAt?.toISOString(),
    lastIngestionAt: lastIngestionAt?.toISOString(),
    maxSilenceMinutes,
  };
  if (newest === undefined) {
    return logFinding('recent-events', group.arn, {
      status: 'FAIL',
      message: `${group.name} has never received an event${streams === 0 ? ' (no log stream)' : ''}.`,
      evidence,
      remediation:
        'Check that the service writes here: its log driver or logging configuration names this group, and its role may call logs:CreateLogStream and logs:PutLogEvents.',
    });
  }
  const silentMinutes = elapsedMinutes(newest, now);
  if (silentMinutes > maxSilenceMinutes && silentMinutes <= maxSilenceMinutes + LOG_TIMESTAMP_LAG_MINUTES) {
    return logFinding('recent-events', group.arn, {
      status: 'WARN',
      message: `${group.name}: no event seen for ${age(silentMinutes)} (limit ${maxSilenceMinutes} min), but CloudWatch Logs reports event times up to ${LOG_TIMESTAMP_LAG_MINUTES} min late, so the silence is not confirmed.`,
      evidence: {
        ...evidence,
        silentMinutes: Math.floor(silentMinutes),
        lagMinutes: LOG_TIMESTAMP_LAG_MINUTES,
      },
      remediation: `Look at the group's newest events in the console (or aws logs tail ${group.name}); if it is truly silent, find why the service stopped logging.`,
    });
  }
  if (silentMinutes > maxSilenceMinutes) {
    return logFinding('recent-events', group.arn, {
      status: 'FAIL',
      message: `${group.name} has received nothing for ${age(silentMinutes)} (limit ${maxSilenceMinutes} min); last event ${newest.toISOString()}.`,
      evidence: { ...evidence, silentMinutes: Math.floor(silentMinutes) },
      remediation:
        'Find why logging stopped: the service may be down or scaled to zero, its log configuration changed, or its role lost logs:PutLogEvents. For a group that is quiet by design, raise checks.log-delivery.maxSilenceMinutes for the service.',
    });
  }
  return logFinding('recent-events', group.arn, {
    status: 'PASS',
    message: `${group.name} received events ${age(Math.max(0, silentMinutes))} ago (limit ${maxSilenceMinutes} min).`,
    evidence: { ...evidence, silentMinutes: Math.max(0, Math.floor(silentMinutes)) },
  });
}
