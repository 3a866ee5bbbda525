import type { HistoryEvent } from '../../../lambdas/core/history/events';

const at = (day: number, hour = 10, minute = 0) =>
  new Date(Date.UTC(2026, 9, day, hour, minute)).toISOString(); // October 2026

interface Deploy {
  id: string;
  day: number;
  decision: 'PROCEED' | 'ROLLBACK' | 'INCONCLUSIVE';
  trigger?: string;
  incidents?: number;
  warnItems?: string[];
  commitMinutesBefore?: number;
  service?: string;
  environment?: string;
  account?: string;
  region?: string;
}

/** One deployment's events: gate, watch start, decision, and any rollbacks and aborts. */
export function deployment(d: Deploy): HistoryEvent[] {
  const base = {
    service: d.service ?? 'orders',
    environment: d.environment ?? 'prod',
    deploymentId: d.id,
    runId: d.id,
    ...(d.account === undefined ? {} : { account: d.account }),
    ...(d.region === undefined ? {} : { region: d.region }),
  };
  const items: Record<string, string> = {
    'security.ssl-certificates': 'PASS',
    'infrastructure.database-backups': 'PASS',
    'application.tests-passing': 'PASS',
  };
  for (const id of d.warnItems ?? []) items[id] = 'WARN';
  const gateAt = at(d.day, 10, 0);
  const events: HistoryEvent[] = [
    {
      ...base,
      id: `${d.id}#gate`,
      kind: 'gate',
      at: gateAt,
      verdict: 'PASS',
      items,
      ...(d.commitMinutesBefore
        ? { commitAt: new Date(new Date(gateAt).getTime() - d.commitMinutesBefore * 60_000).toISOString() }
        : {}),
    },
    { ...base, id: `${d.id}#watch`, kind: 'watch-started', at: at(d.day, 10, 5) },
    {
      ...base,
      id: `${d.id}#decided`,
      kind: 'watch-decided',
      at: at(d.day, 10, 35),
      decision: d.decision,
      ...(d.trigger ? { trigger: d.trigger } : {}),
    },
  ];
  for (let i = 0; i < (d.incidents ?? 0); i++) {
    events.push({
      ...base,
      id: `${d.id}#rollback#${i}`,
      kind: 'rollback',
      at: at(d.day, 10, 40 + i),
      action: 'codedeploy',
      succeeded: true,
      completedAt: at(d.day, 10, 50 + i),
    });
  }
  return events;
}

/** 10 deployments in October 2026: 2 rolled back, one of which caused two incidents. */
export function badQuarter(): HistoryEvent[] {
  return [
    ...deployment({ id: 'd1', day: 1, decision: 'PROCEED', commitMinutesBefore: 60 }),
    ...deployment({ id: 'd2', day: 2, decision: 'PROCEED', commitMinutesBefore: 120 }),
    ...deployment({
      id: 'd3',
      day: 5,
      decision: 'ROLLBACK',
      trigger: 'error-rate',
      incidents: 2,
      warnItems: ['infrastructure.database-backups'],
    }),
    ...deployment({ id: 'd4', day: 6, decision: 'PROCEED', commitMinutesBefore: 30 }),
    ...deployment({ id: 'd5', day: 8, decision: 'PROCEED' }),
    ...deployment({
      id: 'd6',
      day: 9,
      decision: 'ROLLBACK',
      trigger: 'latency',
      incidents: 1,
      warnItems: ['infrastructure.database-backups'],
    }),
    ...deployment({ id: 'd7', day: 12, decision: 'PROCEED' }),
    ...deployment({ id: 'd8', day: 13, decision: 'PROCEED', service: 'payments' }),
    ...deployment({ id: 'd9', day: 15, decision: 'INCONCLUSIVE' }),
    ...deployment({ id: 'd10', day: 16, decision: 'PROCEED' }),
  ];
}

export const ACCOUNT_A = '111111111111';
export const ACCOUNT_B = '222222222222';

/**
 * October 2026 across two accounts and two regions: orders-api in prod (account A, eu-west-1 and
 * us-east-1, one rollback), payments in prod (account B, eu-west-1), and payments in staging, whose
 * events name no account or region (the account and region Preflight runs in).
 */
export function organizationQuarter(): HistoryEvent[] {
  const ordersEu = { service: 'orders-api', environment: 'prod', account: ACCOUNT_A, region: 'eu-west-1' };
  const ordersUs = { ...ordersEu, region: 'us-east-1' };
  const payments = { service: 'payments', environment: 'prod', account: ACCOUNT_B, region: 'eu-west-1' };
  return [
    ...deployment({ id: 'o1', day: 1, decision: 'PROCEED', commitMinutesBefore: 60, ...ordersEu }),
    ...deployment({
      id: 'o2',
      day: 2,
      decision: 'ROLLBACK',
      trigger: 'error-rate',
      incidents: 1,
      ...ordersEu,
    }),
    ...deployment({ id: 'o3', day: 2, decision: 'PROCEED', ...ordersUs }),
    ...deployment({ id: 'p1', day: 3, decision: 'PROCEED', ...payments }),
    ...deployment({ id: 'p2', day: 4, decision: 'PROCEED', service: 'payments', environment: 'staging' }),
  ];
}
