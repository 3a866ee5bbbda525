import type { HistoryEvent } from '../history/events';

/** What history says about one deployment, gathered from its events. */
export interface DeploymentRecord {
  readonly service: string;
  readonly environment: string;
  readonly deploymentId: string;
  /** The account and region its events name; absent: the account and region Preflight runs in. */
  readonly account?: string;
  readonly region?: string;
  readonly gateVerdict?: 'PASS' | 'FAIL' | 'ERROR';
  readonly gateAt?: string;
  readonly watchStartedAt?: string;
  readonly commitAt?: string;
  readonly decision?: 'PROCEED' | 'ROLLBACK' | 'INCONCLUSIVE';
  readonly decidedAt?: string;
  readonly trigger?: string;
  /** When a rollback action finished successfully. */
  readonly rollbackCompletedAt?: string;
  /** How many rollbacks and aborts touched this deployment: incidents, not failures. */
  readonly incidents: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Folds events into one record per deployment (service, environment, deployment id). A deployment
 * counts as deployed once a watch started for it, or, unwatched, once its gate passed.
 */
export function deploymentsFrom(events: readonly HistoryEvent[]): DeploymentRecord[] {
  const byKey = new Map<string, Mutable<DeploymentRecord>>();
  for (const event of [...events].sort((a, b) => a.at.localeCompare(b.at))) {
    const key = `${event.service}\u0000${event.environment}\u0000${event.deploymentId}`;
    const record = byKey.get(key) ?? {
      service: event.service,
      environment: event.environment,
      deploymentId: event.deploymentId,
      incidents: 0,
    };
    byKey.set(key, record);
    if (event.account !== undefined) record.account ??= event.account;
    if (event.region !== undefined) record.region ??= event.region;
    switch (event.kind) {
      case 'gate':
        record.gateVerdict = event.verdict;
        record.gateAt = event.at;
        if (event.commitAt) record.commitAt = event.commitAt;
        break;
      case 'watch-started':
        record.watchStartedAt ??= event.at;
        if (event.commitAt) record.commitAt = event.commitAt;
        break;
      case 'watch-decided':
        record.decision = event.decision;
        record.decidedAt = event.at;
        if (event.trigger) record.trigger = event.trigger;
        break;
      case 'rollback':
        record.incidents += 1;
        if (event.succeeded) record.rollbackCompletedAt ??= event.completedAt ?? event.at;
        break;
      case 'abort':
        record.incidents += 1;
        break;
      case 'signoff':
        break;
    }
  }
  return [...byKey.values()];
}

/** Whether the record is a deployment that actually went out. */
export function wasDeployed(record: DeploymentRecord): boolean {
  return record.watchStartedAt !== undefined || record.gateVerdict === 'PASS';
}

/** When the deployment went out: the watch's start, else the passing gate. */
export function deployedAt(record: DeploymentRecord): string | undefined {
  return record.watchStartedAt ?? (record.gateVerdict === 'PASS' ? record.gateAt : undefined);
}
