import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deploymentWarnings } from '../../lambdas/core/config/deployment-warnings';
import type { PreflightConfigInput } from '../../lambdas/core/config/schema';
import { validateConfig } from '../../lambdas/core/config/validate';

const EXAMPLE = JSON.parse(
  readFileSync(path.join(__dirname, '..', '..', 'examples', 'preflight.config.json'), 'utf8'),
) as PreflightConfigInput;

const warningsOf = (raw: PreflightConfigInput) => deploymentWarnings(validateConfig(raw));
const idsAndKeys = (raw: PreflightConfigInput) => warningsOf(raw).map((w) => `${w.id} ${w.key}`);

const METRICS = {
  requests: { namespace: 'AWS/ApplicationELB', metricName: 'RequestCount', stat: 'Sum' },
  errors: { namespace: 'AWS/ApplicationELB', metricName: 'HTTPCode_Target_5XX_Count', stat: 'Sum' },
  latency: { namespace: 'AWS/ApplicationELB', metricName: 'TargetResponseTime', stat: 'p99' },
  unhealthy_hosts: { namespace: 'AWS/ApplicationELB', metricName: 'UnHealthyHostCount', stat: 'Maximum' },
  db_connection_errors: { namespace: 'Shop', metricName: 'DatabaseConnectionErrors', stat: 'Sum' },
};
const REAL_TEAM = { notifications: { emails: ['oncall@acme.io'] }, watch: { metrics: METRICS } };

describe('deployment warnings', () => {
  describe('the example configuration, copied unchanged', () => {
    it('warns about every placeholder it holds, and about the subscriptions to confirm', () => {
      expect(idsAndKeys(EXAMPLE)).toEqual([
        'example-address notifications.emails',
        'example-phone-number notifications.phoneNumbers',
        'email-confirmation notifications.emails',
        'sms-sandbox notifications.phoneNumbers',
        'example-host services.orders-api.tlsEndpoints',
      ]);
    });
  });

  describe('notifications', () => {
    it('says nobody hears anything when nobody is subscribed', () => {
      expect(warningsOf({ watch: { metrics: METRICS } })).toEqual([
        {
          id: 'no-subscribers',
          key: 'notifications',
          message:
            'no email address or phone number: failed gates, rollbacks and alarms on Preflight itself reach nobody. Add notifications.emails (or phoneNumbers).',
        },
      ]);
    });

    it('asks real addresses only to confirm', () => {
      expect(warningsOf(REAL_TEAM)).toEqual([
        {
          id: 'email-confirmation',
          key: 'notifications.emails',
          message:
            'AWS emails each address (oncall@acme.io) a subscription confirmation after the deploy; nothing reaches an address until it confirms.',
        },
      ]);
    });

    it.each([
      ['ops@example.com', true],
      ['ops@mail.example.org', true],
      ['ops@example.net', true],
      ['ops@shop.test', true],
      ['ops@example.company.com', false],
      ['ops@acme.io', false],
    ])('%s is a documentation address: %s', (email, example) => {
      const ids = warningsOf({ ...REAL_TEAM, notifications: { emails: [email] } }).map((w) => w.id);
      expect(ids.includes('example-address')).toBe(example);
    });

    it.each([
      ['+447700900123', true],
      ['+447700900999', true],
      ['+12025550142', true],
      ['+447700901123', false],
      ['+14155552671', false],
    ])('%s is a documentation number: %s', (phone, example) => {
      const warnings = warningsOf({ ...REAL_TEAM, notifications: { phoneNumbers: [phone] } });
      expect(warnings.some((w) => w.id === 'example-phone-number')).toBe(example);
      // Every SMS subscription gets the sandbox note, documentation number or not.
      expect(warnings.find((w) => w.id === 'sms-sandbox')?.message).toContain(`verify ${phone}`);
    });
  });

  describe('the watch', () => {
    it('warns that every start would be rejected while the default triggers have no metrics', () => {
      expect(warningsOf({ notifications: REAL_TEAM.notifications })).toContainEqual({
        id: 'watch-without-metrics',
        key: 'watch.metrics',
        message:
          'no CloudWatch metric for errors, requests, latency, unhealthy_hosts, db_connection_errors (used by error-rate, latency, health-checks, db-connection-errors): every `preflight watch start` would be rejected. Map them in watch.metrics (docs/watch.md), or disable those triggers.',
      });
    });

    it('names the service and the environments whose watch cannot start', () => {
      const warnings = warningsOf({
        notifications: REAL_TEAM.notifications,
        environments: { prod: {}, staging: {} },
        services: {
          orders: { environments: ['prod', 'staging'], resources: { tags: { service: 'orders' } } },
          billing: {
            environments: ['prod'],
            resources: { tags: { service: 'billing' } },
            watch: { triggers: { 'error-rate': { enabled: false } } },
          },
        },
        watch: {
          triggers: {
            latency: { enabled: false },
            'health-checks': { enabled: false },
            'db-connection-errors': { enabled: false },
          },
        },
      }).filter((w) => w.id === 'watch-without-metrics');

      expect(warnings).toEqual([
        {
          id: 'watch-without-metrics',
          key: 'services.orders.watch',
          message:
            'no CloudWatch metric for errors, requests (used by error-rate): every `preflight watch start --service orders --env prod|staging` would be rejected. Map them in watch.metrics (docs/watch.md), or disable those triggers.',
        },
      ]);
    });

    it('says nothing once every metric an enabled trigger reads is mapped', () => {
      expect(warningsOf(REAL_TEAM).map((w) => w.id)).not.toContain('watch-without-metrics');
      expect(
        warningsOf({
          notifications: REAL_TEAM.notifications,
          watch: {
            triggers: Object.fromEntries(
              ['error-rate', 'latency', 'health-checks', 'db-connection-errors'].map((id) => [
                id,
                { enabled: false },
              ]),
            ),
          },
        }).map((w) => w.id),
      ).not.toContain('watch-without-metrics');
    });
    it('warns that every start would be rejected while a latency limit is in the wrong unit or the period is finer than the metrics', () => {
      const warnings = warningsOf({
        ...REAL_TEAM,
        watch: { metrics: METRICS, periodSeconds: 10, triggers: { latency: { threshold: 500 } } },
      }).filter((w) => w.id === 'watch-settings-rejected');

      expect(warnings.map((w) => w.key)).toEqual(['watch.periodSeconds', 'watch.triggers.latency.threshold']);
      expect(warnings[0]?.message).toMatch(
        /^10 s with .*AWS\/ApplicationELB.*every `preflight watch start` would be rejected\.$/,
      );
      expect(warnings[1]?.message).toMatch(
        /^500 against AWS\/ApplicationELB TargetResponseTime, which CloudWatch reports in seconds.*for 500 ms write 0\.5: every `preflight watch start` would be rejected\.$/,
      );
    });

    it('warns that every start would be rejected while a count is read with a statistic other than Sum', () => {
      const warnings = warningsOf({
        ...REAL_TEAM,
        watch: { metrics: { ...METRICS, errors: { ...METRICS.errors, stat: 'Average' } } },
      }).filter((w) => w.id === 'watch-settings-rejected');

      expect(warnings.map((w) => w.key)).toEqual(['watch.metrics.errors.stat']);
      expect(warnings[0]?.message).toMatch(
        /^Average of AWS\/ApplicationELB HTTPCode_Target_5XX_Count, a count: CloudWatch gives 1 .*expected "Sum": every `preflight watch start` would be rejected\.$/,
      );
    });

    it('names the service whose own watch settings would be rejected, once for all its environments', () => {
      const warnings = warningsOf({
        ...REAL_TEAM,
        environments: { prod: {}, staging: {} },
        services: {
          orders: {
            environments: ['prod', 'staging'],
            resources: { tags: { service: 'orders' } },
            watch: { triggers: { latency: { floor: 100 } } },
          },
          billing: { environments: ['prod'], resources: { tags: { service: 'billing' } } },
        },
      }).filter((w) => w.id === 'watch-settings-rejected');

      expect(warnings).toHaveLength(1);
      expect(warnings[0]?.key).toBe('services.orders.watch.triggers.latency.floor');
      expect(warnings[0]?.message).toContain('`preflight watch start --service orders`');
    });

    it("says nothing of limits in the metric's unit", () => {
      const ids = warningsOf({
        ...REAL_TEAM,
        watch: { metrics: METRICS, triggers: { latency: { threshold: 0.5, floor: 0.05 } } },
      }).map((w) => w.id);
      expect(ids).not.toContain('watch-settings-rejected');
    });
  });

  describe('TLS endpoints', () => {
    it('names documentation hosts by the key that lists them', () => {
      expect(
        warningsOf({
          ...REAL_TEAM,
          checks: {
            'tls-endpoints': { endpoints: [{ host: 'status.example.com' }, { host: 'api.acme.io' }] },
          },
        }).filter((w) => w.id === 'example-host'),
      ).toEqual([
        {
          id: 'example-host',
          key: 'checks.tls-endpoints.endpoints',
          message:
            'status.example.com: a documentation domain, not your endpoint, yet every gate would probe it. Name your own endpoints.',
        },
      ]);
    });
  });
});
