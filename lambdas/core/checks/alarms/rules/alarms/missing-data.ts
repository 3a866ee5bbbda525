import { onlyReportedWhenNonZero } from '../../../kit/sparse-metrics';
import type { MetricAlarm } from '../../ports';
import type { RuleResult } from '../../rule-result';

const MISSING_DATA_FIX =
  "Set TreatMissingData to 'breaching' for health and error metrics, or 'missing' so the alarm goes to " +
  'INSUFFICIENT_DATA when data stops; if the metric is sparse by design, list the alarm in ' +
  'checks.alarms.missingDataExemptAlarms.';

/**
 * The `missing-data` rule (metric alarms only): treating missing data as healthy (`notBreaching`) or
 * keeping the last state (`ignore`) lets an outage that stops the metric hide itself. A metric AWS
 * publishes only when non-zero (ELB error counts) has no data when all is well: notBreaching is right.
 */
export function judgeMissingData(alarm: MetricAlarm, exempt: ReadonlySet<string>): RuleResult {
  const treatMissingData = alarm.treatMissingData ?? 'missing';
  const evidence = { treatMissingData, exempt: exempt.has(alarm.name) };
  if (treatMissingData === 'notBreaching' && onlyReportedWhenNonZero(alarm.metrics)) {
    const names = [...new Set(alarm.metrics.map((metric) => metric.metricName))].join(', ');
    return {
      rule: 'missing-data',
      status: 'PASS',
      message: `Missing data treated as notBreaching, as it should be: AWS publishes ${names} only when it is non-zero, so missing data means none.`,
      evidence: { ...evidence, onlyReportedWhenNonZero: true },
    };
  }
  if (exempt.has(alarm.name) || (treatMissingData !== 'notBreaching' && treatMissingData !== 'ignore')) {
    return {
      rule: 'missing-data',
      status: 'PASS',
      message: `Missing data treated as ${treatMissingData}.`,
      evidence,
    };
  }
  return {
    rule: 'missing-data',
    status: 'WARN',
    message:
      treatMissingData === 'notBreaching'
        ? 'Missing data is treated as healthy (notBreaching): an outage that stops the metric hides itself.'
        : 'Missing data is ignored: the alarm keeps its last state when the metric stops, so an outage that stops the metric hides itself.',
    remediation: MISSING_DATA_FIX,
    evidence,
  };
}
