/*
 * Cost of a daily audit, a one-hour watch and a quarterly review, from counted transitions,
 * requests and metrics and measured durations, at public list prices. Every price used is listed in
 * PRICES and printed with the results; anything assumed rather than counted says so in `basis`.
 */

/** us-east-1 list prices, USD. Not fetched (the benchmark is offline): check them before quoting. */
export const PRICES = {
  region: 'us-east-1',
  asOf: '2026-11-27 (list prices as published; not fetched by the bench)',
  stepFunctionsTransition: 0.025 / 1000,
  lambdaRequest: 0.2 / 1_000_000,
  lambdaArmGbSecond: 0.0000133334,
  getMetricDataMetric: 0.01 / 1000,
  snsPublish: 0.5 / 1_000_000,
  snsEmail: 2 / 100_000,
  s3Put: 0.005 / 1000,
  s3Get: 0.0004 / 1000,
  dynamoWriteUnit: 0.625 / 1_000_000,
  dynamoReadUnit: 0.125 / 1_000_000,
  secretsManagerApiCall: 0.05 / 10_000,
  expressRequest: 1 / 1_000_000,
  /** Express duration, first 1,000 GB-hours a month: $0.06 per GB-hour. */
  expressGbSecond: 0.06 / 3600,
} as const;

export const PRICE_LINES: readonly string[] = [
  'Step Functions Standard: $0.025 per 1,000 state transitions',
  'Step Functions Express: $1.00 per 1M requests; $0.06 per GB-hour of duration (first 1,000 GB-hours a month), 100 ms and 64 MB granules',
  'Lambda (Arm): $0.20 per 1M requests; $0.0000133334 per GB-second (init billed too: every invocation counted cold)',
  'CloudWatch GetMetricData: $0.01 per 1,000 metrics requested (DescribeAlarms and other List/Describe calls: no charge)',
  'SNS: $0.50 per 1M publishes; email $2.00 per 100,000 notifications',
  'S3 Standard: $0.005 per 1,000 PUT; $0.0004 per 1,000 GET',
  'DynamoDB on-demand: $0.625 per 1M write request units; $0.125 per 1M read request units',
  'Secrets Manager: $0.05 per 10,000 API calls (ListSecrets, DescribeSecret)',
  'ACM, RDS, DynamoDB control plane, AWS Backup lists, SSM DescribeParameters, IAM, STS: no charge',
];

export interface CostLine {
  readonly item: string;
  readonly quantity: string;
  readonly usd: number;
}

export interface CostResult {
  readonly scenario: string;
  readonly lines: readonly CostLine[];
  readonly totalUsd: number;
  readonly basis: string;
}

function result(scenario: string, lines: CostLine[], basis: string): CostResult {
  return { scenario, lines, totalUsd: lines.reduce((sum, l) => sum + l.usd, 0), basis };
}

function lambda(item: string, invocations: number, seconds: number, memoryMb: number): CostLine[] {
  const gbSeconds = invocations * seconds * (memoryMb / 1024);
  return [
    { item: `${item}: requests`, quantity: `${invocations}`, usd: invocations * PRICES.lambdaRequest },
    {
      item: `${item}: compute`,
      quantity: `${gbSeconds.toFixed(2)} GB-s`,
      usd: gbSeconds * PRICES.lambdaArmGbSecond,
    },
  ];
}

export interface AuditCostInput {
  readonly label: string;
  readonly transitions: number;
  readonly checks: number;
  /** Sum of the checks' run times, seconds (each check is one invocation). */
  readonly checkSeconds: number;
  readonly otherInvocations: number;
  readonly otherSeconds: number;
  readonly memoryMb: number;
  readonly initSeconds: number;
  readonly secretsManagerCalls: number;
}

export function dailyAuditCost(input: AuditCostInput): CostResult {
  const invocations = input.checks + input.otherInvocations;
  const seconds = input.checkSeconds + input.otherSeconds + invocations * input.initSeconds;
  return result(
    `daily audit (${input.label})`,
    [
      {
        item: 'Step Functions',
        quantity: `${input.transitions} transitions`,
        usd: input.transitions * PRICES.stepFunctionsTransition,
      },
      ...lambda('Lambda', invocations, seconds / invocations, input.memoryMb),
      {
        item: 'Secrets Manager API',
        quantity: `${input.secretsManagerCalls} calls`,
        usd: input.secretsManagerCalls * PRICES.secretsManagerApiCall,
      },
      {
        item: 'S3',
        quantity: `${input.checks + 2} PUT, 1 GET`,
        usd: (input.checks + 2) * PRICES.s3Put + PRICES.s3Get,
      },
      { item: 'SNS', quantity: '1 publish, 2 emails', usd: PRICES.snsPublish + 2 * PRICES.snsEmail },
      { item: 'DynamoDB', quantity: '1 write unit', usd: PRICES.dynamoWriteUnit },
    ],
    'transitions from the synthesized audit machine (default path: no backup, no sign-off, with a notification); check durations measured at full scale; validate and report invocations assumed 1 s each',
  );
}

export interface WatchCostInput {
  readonly transitions: number;
  readonly transitionsBasis: string;
  readonly steps: number;
  readonly metricsRequested: number;
  readonly memoryMb: number;
  readonly initSeconds: number;
}

export function watchHourCost(input: WatchCostInput): CostResult {
  const invocations = input.steps + 2;
  // An evaluation step reads, judges and writes its state: assumed 0.3 s warm, plus init when cold.
  const seconds = 0.3 + input.initSeconds;
  return result(
    'one-hour watch',
    [
      {
        item: 'Step Functions',
        quantity: `${input.transitions} transitions`,
        usd: input.transitions * PRICES.stepFunctionsTransition,
      },
      ...lambda('Lambda', invocations, seconds, input.memoryMb),
      {
        item: 'CloudWatch GetMetricData',
        quantity: `${input.metricsRequested} metrics`,
        usd: input.metricsRequested * PRICES.getMetricDataMetric,
      },
      { item: 'SNS', quantity: '1 publish, 2 emails', usd: PRICES.snsPublish + 2 * PRICES.snsEmail },
      { item: 'S3', quantity: '2 PUT', usd: 2 * PRICES.s3Put },
      { item: 'DynamoDB', quantity: '2 write units', usd: 2 * PRICES.dynamoWriteUnit },
    ],
    `${input.transitionsBasis}; GetMetricData metrics counted by replaying a healthy 60-minute watch with the default triggers; Lambda steps assumed 0.3 s warm + measured init`,
  );
}

export function quarterlyReviewCost(memoryMb: number, initSeconds: number): CostResult {
  // 20 deployments a week for 13 weeks, about 8 events each, about 1 KB per event.
  const events = 20 * 13 * 8;
  const readUnits = Math.ceil(events / 4) * 0.5;
  return result(
    'quarterly review',
    [
      ...lambda('Lambda', 1, 5 + initSeconds, memoryMb),
      {
        item: 'DynamoDB Query',
        quantity: `${events} events, ${readUnits} read units`,
        usd: readUnits * PRICES.dynamoReadUnit,
      },
      { item: 'S3', quantity: '2 PUT', usd: 2 * PRICES.s3Put },
      { item: 'SNS', quantity: '1 publish, 2 emails', usd: PRICES.snsPublish + 2 * PRICES.snsEmail },
    ],
    'assumed: 20 deployments a week, 8 history events of about 1 KB each, eventually consistent Query; one 5 s invocation',
  );
}

export interface FanoutCostInput {
  /** Child executions: one per account and region. */
  readonly children: number;
  /** Check tasks of every child together (one check function invocation each). */
  readonly checkTasks: number;
  /** State transitions of the fan-out machine itself (list, map, summary, notify). */
  readonly parentTransitions: number;
  /** State transitions of one child along its usual path, without its check tasks. */
  readonly childTransitions: number;
  /** Each child's time, added up, seconds (what an Express child is billed for). */
  readonly childSeconds: number;
  /** The check tasks' times added up, seconds. */
  readonly taskSeconds: number;
  readonly checkMemoryMb: number;
  readonly initSeconds: number;
  readonly secretsManagerCalls: number;
}

/**
 * One scheduled run across the organization, with Standard or Express child executions. Everything
 * but the children's Step Functions line is the same either way: Lambda (validate, checks, report
 * per child, list and summary), S3, SNS, Secrets Manager's list calls.
 */
export function fanoutCost(input: FanoutCostInput, children: 'STANDARD' | 'EXPRESS'): CostResult {
  const childTransitions = input.children * input.childTransitions + input.checkTasks;
  const express = [
    {
      item: 'Step Functions Express children: requests',
      quantity: `${input.children}`,
      usd: input.children * PRICES.expressRequest,
    },
    {
      item: 'Step Functions Express children: duration',
      quantity: `${input.childSeconds.toFixed(0)} s x 64 MB`,
      usd: input.childSeconds * (64 / 1024) * PRICES.expressGbSecond,
    },
  ];
  const standard = [
    {
      item: 'Step Functions Standard children',
      quantity: `${childTransitions} transitions`,
      usd: childTransitions * PRICES.stepFunctionsTransition,
    },
  ];
  const otherInvocations = input.children * 2 + 2;
  const invocations = input.checkTasks + otherInvocations;
  const lambdaSeconds = input.taskSeconds + otherInvocations * 1 + invocations * input.initSeconds;
  return result(
    `scheduled audit of ${input.children} accounts x regions (${children === 'STANDARD' ? 'Standard' : 'Express'} children)`,
    [
      {
        item: 'Step Functions fan-out machine',
        quantity: `${input.parentTransitions} transitions`,
        usd: input.parentTransitions * PRICES.stepFunctionsTransition,
      },
      ...(children === 'STANDARD' ? standard : express),
      ...lambda('Lambda', invocations, lambdaSeconds / invocations, input.checkMemoryMb),
      {
        item: 'Secrets Manager API',
        quantity: `${input.secretsManagerCalls} calls`,
        usd: input.secretsManagerCalls * PRICES.secretsManagerApiCall,
      },
      {
        item: 'S3',
        quantity: `${input.checkTasks + input.children * 2 + 4} PUT, ${input.checkTasks + 2} GET`,
        usd:
          (input.checkTasks + input.children * 2 + 4) * PRICES.s3Put + (input.checkTasks + 2) * PRICES.s3Get,
      },
      { item: 'SNS', quantity: '1 publish, 2 emails', usd: PRICES.snsPublish + 2 * PRICES.snsEmail },
    ],
    "children and check tasks counted in the benchmark; transitions from the synthesized fan-out machine (usual path: no alert); child and check times measured alone against the local endpoint (50 ms per call), each check billed at the check function's memory with its init counted; validate and report invocations assumed 1 s each; posture alerts not counted",
  );
}
