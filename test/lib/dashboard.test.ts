import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_METRICS, METRICS_NAMESPACE } from '../../lambdas/core/metrics';
import { synthPreflight } from '../harness/synth';
import { ofType, resolved } from '../support/template-policies';

/*
 * The dashboard reads what is really there: the functions' embedded metrics by the names and the two
 * dimensions they are emitted with (test/workflows/audit-metrics.test.ts and watch-metrics.test.ts
 * capture them), the failure counts the state machines put (by metric and Workflow), the stack's own
 * state machines and dead-letter queues. A widget naming anything else fails here.
 */

type MetricRow = (string | Record<string, unknown>)[];

let rows: MetricRow[];
let template: ReturnType<typeof synthPreflight>['template'];

beforeAll(() => {
  ({ template } = synthPreflight({
    notifications: { emails: ['oncall@example.com'] },
    integrations: { securityHub: { enabled: true } },
  }));
  const [dashboard] = ofType(template, 'AWS::CloudWatch::Dashboard');
  const body = JSON.parse(String(resolved(dashboard?.[1].Properties?.DashboardBody))) as {
    widgets: { type: string; properties: { metrics?: MetricRow[] } }[];
  };
  rows = body.widgets.flatMap((w) => w.properties.metrics ?? []);
});

const SEARCH = /^SEARCH\('\{([^}]*)\} MetricName="([^"]+)"', '(\w+)', (\d+)\)$/;

/** The failure counts the state machines put with PutMetricData: `metric|workflow`. */
function countedByMachines(): Set<string> {
  const counted = new Set<string>();
  for (const [, machine] of ofType(template, 'AWS::StepFunctions::StateMachine')) {
    const definition = JSON.parse(String(resolved(machine.Properties?.DefinitionString))) as unknown;
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(visit);
      else if (node !== null && typeof node === 'object') {
        const state = node as Record<string, unknown>;
        if (state.Resource === 'arn:aws:states:::aws-sdk:cloudwatch:putMetricData') {
          const parameters = state.Parameters as {
            Namespace: string;
            MetricData: { MetricName: string; Dimensions: { Name: string; Value: string }[] }[];
          };
          for (const datum of parameters.MetricData) {
            expect(parameters.Namespace).toBe(METRICS_NAMESPACE);
            expect(datum.Dimensions.map((d) => d.Name)).toEqual(['Workflow']);
            counted.add(`${datum.MetricName}|${datum.Dimensions[0]?.Value}`);
          }
        }
        Object.values(state).forEach(visit);
      }
    };
    visit(definition);
  }
  return counted;
}

describe('the dashboard', () => {
  it("reads the functions' metrics by the names and the two dimensions they are emitted with, every one of them", () => {
    const searched = rows
      .map((row) => row[0])
      .filter((first): first is Record<string, unknown> => typeof first === 'object')
      .map((options) => SEARCH.exec(String(options.expression)));
    expect(searched.every((m) => m !== null)).toBe(true);
    for (const match of searched) expect(match?.[1]).toBe(`${METRICS_NAMESPACE},Service,Environment`);
    expect(new Set(searched.map((m) => m?.[2]))).toEqual(new Set(Object.values(FUNCTION_METRICS)));
  });

  it('reads the failure counts the state machines put (and the review function prints), by metric and Workflow', () => {
    const counted = countedByMachines();
    counted.add('EventsFailed|review'); // the review function's own count (test/handlers/quarterly-review.test.ts)
    const read = rows
      .filter((row) => row[0] === METRICS_NAMESPACE)
      .map((row) => {
        expect(row[2]).toBe('Workflow');
        return `${row[1]}|${row[3]}`;
      });
    expect(read.length).toBeGreaterThan(0);
    for (const metric of read) expect(counted, metric).toContain(metric);
    // Every workflow's notifications, events and (enabled here) findings import, and the review's events.
    expect(new Set(read)).toEqual(counted);
  });

  it("shows Preflight's own health: its state machines' failures and every dead-letter queue", () => {
    const machines = ofType(template, 'AWS::StepFunctions::StateMachine').map(([id]) => `<${id}>`);
    const states = rows.filter((row) => row[0] === 'AWS/States');
    expect(new Set(states.map((row) => row[1]))).toEqual(new Set(['ExecutionsFailed', 'ExecutionsTimedOut']));
    expect(new Set(states.map((row) => row[3]))).toEqual(new Set(machines));
    const queues = ofType(template, 'AWS::SQS::Queue').map(([id]) => `<${id}.QueueName>`);
    const sqs = rows.filter((row) => row[0] === 'AWS/SQS');
    expect(
      sqs.every((row) => row[1] === 'ApproximateNumberOfMessagesVisible' && row[2] === 'QueueName'),
    ).toBe(true);
    expect(new Set(sqs.map((row) => row[3]))).toEqual(new Set(queues));
  });
});
