import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../support/cli-in-process';

/*
 * A watch metric's placeholder is filled from the service's values. Looked up in a plain object, a
 * placeholder named like what every JavaScript object inherits (`{constructor}`, `{toString}`) found
 * a function, and the metric's dimension became "function Object() { [native code] }": no
 * configuration error, and a watch reading a metric that does not exist (no data, INCONCLUSIVE).
 */

const dir = mkdtempSync(path.join(tmpdir(), 'preflight-metric-templates-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function services(placeholder: string, values: Record<string, string> = {}) {
  const file = path.join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
  const metric = {
    namespace: 'AWS/ApplicationELB',
    metricName: 'RequestCount',
    dimensions: { LoadBalancer: `{${placeholder}}` },
    stat: 'Sum',
  };
  const fixed = { ...metric, dimensions: { LoadBalancer: 'app/orders-alb/1' } };
  writeFileSync(
    file,
    JSON.stringify({
      environments: { prod: { account: '111122223333', region: 'eu-west-1' } },
      watch: {
        metrics: {
          requests: metric,
          errors: { ...fixed, metricName: 'HTTPCode_Target_5XX_Count' },
          latency: { ...fixed, metricName: 'TargetResponseTime', stat: 'p99' },
          unhealthy_hosts: { ...fixed, metricName: 'UnHealthyHostCount', stat: 'Maximum' },
          db_connection_errors: { ...fixed, metricName: 'DatabaseConnectionErrors' },
        },
      },
      services: {
        orders: { environments: ['prod'], resources: { tags: { service: 'orders' } }, watch: { values } },
      },
    }),
  );
  return runCliInProcess(['services', '--json', '--config', file]);
}

describe('a metric placeholder named like an inherited property', () => {
  it.each(['constructor', 'toString', 'hasOwnProperty'])(
    '{%s} without a value is a configuration error (exit 2)',
    async (name) => {
      const run = await services(name);

      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        `services.orders.watch.metrics.requests.dimensions.LoadBalancer: got "{${name}}"; expected a value for {${name}} in services.orders.watch.values`,
      );
      expect(run.stdout).not.toContain('native code');
    },
  );

  it('{constructor} with a value is filled with it', async () => {
    const run = await services('constructor', { constructor: 'app/orders-alb/1' });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('native code');
  });
});

describe('a trigger expression naming a metric id like an inherited property', () => {
  it.each(['constructor', 'toString'])(
    '%s, not in watch.metrics, is a configuration error (exit 2)',
    async (id) => {
      const file = path.join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
      const metric = (metricName: string, stat = 'Sum') => ({
        namespace: 'AWS/ApplicationELB',
        metricName,
        dimensions: { LoadBalancer: 'app/orders-alb/1' },
        stat,
      });
      writeFileSync(
        file,
        JSON.stringify({
          watch: {
            metrics: {
              requests: metric('RequestCount'),
              errors: metric('HTTPCode_Target_5XX_Count'),
              latency: metric('TargetResponseTime', 'p99'),
              unhealthy_hosts: metric('UnHealthyHostCount', 'Maximum'),
              db_connection_errors: metric('DatabaseConnectionErrors'),
            },
            triggers: { 'error-rate': { expression: `errors / ${id}` } },
          },
        }),
      );

      const run = await runCliInProcess(['services', '--json', '--config', file]);

      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        `expected a definition for metric id "${id}", used by trigger "error-rate"`,
      );
    },
  );
});
