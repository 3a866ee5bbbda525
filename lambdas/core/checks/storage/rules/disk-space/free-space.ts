import type { CheckSettings } from '../../../../config/schema';
import type { Finding } from '../../../../findings';
import { diskSpaceFinding } from '../../finding';
import type { Point } from '../../ports';
import { amount, type Volume } from '../../volumes';

type Settings = Pick<CheckSettings['disk-space'], 'warnPercent' | 'failPercent' | 'minFreeGiB'>;

/** Percent used, rounded down (judged as shown). */
export function percentUsed(free: number, capacity: number): number {
  return capacity <= 0 ? 100 : Math.floor(100 - (Math.max(0, free) * 100) / capacity);
}

/**
 * `free-space`: enough room now, from the newest free space datapoint (in the volume's unit). Of a
 * known size: `failPercent` used or more FAIL, `warnPercent` or more WARN. Of unknown size
 * (OpenSearch, Aurora local storage): under `minFreeGiB` FAIL. No datapoint in 7 days: WARN, saying
 * the space could not be seen.
 */
export function judgeFreeSpace(volume: Volume, free: readonly Point[], settings: Settings): Finding {
  const latest = free.at(-1);
  const evidence = {
    kind: volume.kind,
    metric: `${volume.metric.namespace}/${volume.metric.metricName}`,
    dimensions: volume.metric.dimensions,
    ...(volume.note === undefined ? {} : { note: volume.note }),
  };
  const note = volume.note === undefined ? '' : `: ${volume.note}`;
  if (latest === undefined) {
    return diskSpaceFinding('free-space', volume.resource, {
      status: 'WARN',
      message: `${volume.label}: no ${volume.metric.metricName} datapoint in the last 7 days, so its free space could not be seen.`,
      evidence,
      remediation:
        'Check that the metric is published for it (the CloudWatch agent on a host, the service running), then run again.',
    });
  }
  const at = { ...evidence, free: latest.value, unit: volume.unit, at: latest.at.toISOString() };
  if (volume.capacity !== undefined) {
    const used = percentUsed(latest.value, volume.capacity);
    const status = used >= settings.failPercent ? 'FAIL' : used >= settings.warnPercent ? 'WARN' : 'PASS';
    return diskSpaceFinding('free-space', volume.resource, {
      status,
      message: `${volume.label} is ${used}% full${volume.unit === 'GiB' ? `, ${amount(volume, latest.value)} free of ${amount(volume, volume.capacity)}` : ''}${note}${status === 'PASS' ? '' : `; ${status === 'FAIL' ? 'fail' : 'warn'} from ${status === 'FAIL' ? settings.failPercent : settings.warnPercent}%`}.`,
      evidence: {
        ...at,
        percentUsed: used,
        warnPercent: settings.warnPercent,
        failPercent: settings.failPercent,
      },
      ...(status === 'PASS'
        ? {}
        : {
            remediation:
              'Free space or grow the volume (for RDS, raise the allocated storage or turn on storage autoscaling) before deploying.',
          }),
    });
  }
  const status = latest.value < settings.minFreeGiB ? 'FAIL' : 'PASS';
  return diskSpaceFinding('free-space', volume.resource, {
    status,
    message: `${volume.label} has ${amount(volume, latest.value)} free (${status === 'FAIL' ? 'under' : 'above'} the ${settings.minFreeGiB} GiB minimum; its size is not reported)${note}.`,
    evidence: { ...at, minFreeGiB: settings.minFreeGiB },
    ...(status === 'PASS'
      ? {}
      : {
          remediation:
            'Free space (old indices, temporary tables) or move to larger storage before deploying.',
        }),
  });
}
