import type { CheckSettings } from '../../config/schema';
import type { Finding } from '../../findings';
import { WHOLE_ACCOUNT } from '../../scope/check-scope';
import { errorFinding } from '../kit/finding';
import { type Outcome, settle } from '../kit/outcome';
import { daysBefore } from '../kit/time';
import type { FamilyDefinitions } from '../types';
import { storageCatalogue } from './catalogue';
import { diskSpaceFinding } from './finding';
import { groupInstances } from './group-instances';
import type { Ec2Instance, MetricIdentity, Point } from './ports';
import { judgeFreeSpace } from './rules/disk-space/free-space';
import { judgeHostAgent } from './rules/disk-space/host-agent';
import { judgeTrend } from './rules/disk-space/trend';
import {
  dbIdentity,
  dbVolume,
  domainIdentity,
  domainVolume,
  hostVolume,
  instanceAt,
  instanceIdentity,
  instanceOfArn,
  type Volume,
} from './volumes';

type Settings = CheckSettings['disk-space'];

/** The window the trend is taken over, and the newest datapoint is looked for in. */
export const TREND_DAYS = 7;

/** A listing that failed: one ERROR naming the call, for what it would have listed. */
const listingError = (
  resource: string,
  outcome: Outcome<unknown>,
  rule: 'free-space' | 'host-agent' = 'free-space',
): Finding[] => (outcome.ok ? [] : [errorFinding(diskSpaceFinding, rule, resource, outcome.error)]);

function judge(volume: Volume, raw: Outcome<readonly Point[]>, settings: Settings): Finding[] {
  if (!raw.ok) {
    const evidence = { kind: volume.kind, metric: `${volume.metric.namespace}/${volume.metric.metricName}` };
    return [
      errorFinding(diskSpaceFinding, 'free-space', volume.resource, raw.error, evidence),
      errorFinding(diskSpaceFinding, 'trend', volume.resource, raw.error, evidence),
    ];
  }
  const free = raw.value.map((p) => ({ at: p.at, value: volume.free(p.value) }));
  return [judgeFreeSpace(volume, free, settings), judgeTrend(volume, free, settings)];
}

/** The check of "Sufficient disk space available". */
export const storageChecks: FamilyDefinitions<typeof storageCatalogue> = {
  'disk-space': {
    ...storageCatalogue['disk-space'],
    async run(account, settings, now, scope = WHOLE_ACCOUNT) {
      const ports = account.storage;
      const [dbs, domainMetrics, diskMetrics, running] = await Promise.all([
        settle(() => ports.listDbInstances()),
        settle(() => ports.listMetrics('AWS/ES', 'FreeStorageSpace')),
        settle(() => ports.listMetrics('CWAgent', 'disk_used_percent')),
        settle(() => ports.runningInstances()),
      ]);
      const findings: Finding[] = [
        ...listingError('rds:*', dbs),
        ...listingError('es:*', domainMetrics),
        ...listingError('CWAgent:*', diskMetrics),
        ...listingError('AWS/EC2:*', running, 'host-agent'),
      ];
      const volumes: Volume[] = [];

      if (dbs.ok) volumes.push(...scope.select(dbs.value, dbIdentity).map(dbVolume));

      // Domain and instance ARNs need the partition, region and account.
      const needsLocation =
        (domainMetrics.ok && domainMetrics.value.length > 0) ||
        (diskMetrics.ok && diskMetrics.value.length > 0) ||
        (running.ok && running.value.length > 0);
      const location = needsLocation ? await settle(() => account.scope.location()) : undefined;
      if (location !== undefined && !location.ok) findings.push(...listingError('sts:*', location));
      const at = location?.ok === true ? location.value : undefined;

      if (domainMetrics.ok && at !== undefined) {
        const domains = domainMetrics.value.flatMap((m) => domainVolume(m, at) ?? []);
        volumes.push(...scope.select(domains, domainIdentity));
      }

      // Hosts: the instances whose CloudWatch agent publishes disk metrics with their InstanceId, every
      // instance running now (EC2's own metrics) and, for a service, every instance its scope names.
      const byInstance = new Map<string, MetricIdentity[]>();
      for (const metric of diskMetrics.ok ? diskMetrics.value : []) {
        const id = metric.dimensions.InstanceId;
        if (id !== undefined) byInstance.set(id, [...(byInstance.get(id) ?? []), metric]);
      }
      const runningIds = new Set(running.ok ? running.value : []);
      const candidates = new Map<string, Ec2Instance>();
      if (at !== undefined) {
        for (const id of [...byInstance.keys(), ...runningIds]) {
          const instance = instanceAt(id, at);
          candidates.set(instance.arn, instance);
        }
      }
      for (const arn of scope.known('ec2:instance') ?? []) {
        const instance = instanceOfArn(arn);
        if (instance !== undefined && !candidates.has(arn)) candidates.set(arn, instance);
      }
      const hosts = scope.select([...candidates.values()], instanceIdentity);
      // The instances of the service's Auto Scaling groups, through the tag each group puts on them.
      const fromGroups = await groupInstances(account.scope, scope);
      findings.push(...fromGroups.errors);
      for (const arn of fromGroups.instanceArns) {
        const instance = candidates.get(arn) ?? instanceOfArn(arn);
        // A group replaces what it stopped or terminated: only its running instances are its hosts.
        const replaced = instance === undefined || (running.ok && !runningIds.has(instance.id));
        if (instance !== undefined && !replaced && !hosts.some((h) => h.arn === arn)) hosts.push(instance);
      }
      for (const host of hosts) {
        const metrics = byInstance.get(host.id);
        if (metrics !== undefined) volumes.push(...metrics.map((m) => hostVolume(m, host)));
        // Without the disk metric listing, no host can be said to lack them: its ERROR stands.
        else if (diskMetrics.ok)
          findings.push(judgeHostAgent(host, running.ok ? runningIds.has(host.id) : undefined));
      }

      if (volumes.length === 0) return findings;
      const queries = volumes.map((volume, i) => ({ id: `v${i}`, metric: volume.metric, stat: volume.stat }));
      const series = await settle(() => ports.series(queries, daysBefore(now, TREND_DAYS), now));
      volumes.forEach((volume, i) => {
        const points: Outcome<readonly Point[]> = series.ok
          ? { ok: true, value: series.value.get(`v${i}`) ?? [] }
          : series;
        findings.push(...judge(volume, points, settings));
      });
      return findings;
    },
  },
};
