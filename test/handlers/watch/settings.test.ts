import { describe, expect, it } from 'vitest';
import { WatchSettingsSchema } from '../../../lambdas/core/config/watch-schema';
import { InvalidInputError } from '../../../lambdas/handlers/errors';
import { parseWatchInput as parseAt, settingsFor } from '../../../lambdas/handlers/watch/settings';

/** The input checked as at the start of a watch. */
const parseWatchInputNow = (raw: unknown) => parseAt(raw, Date.parse('2026-11-26T10:00:00Z'));

const metric = (metricName: string) => ({
  namespace: 'AWS/ApplicationELB',
  metricName,
  dimensions: { LoadBalancer: 'app/orders-alb/1' },
  stat: 'Sum',
});
const CONFIG = WatchSettingsSchema.parse({
  minutes: 30,
  metrics: {
    requests: metric('RequestCount'),
    errors: metric('HTTPCode_Target_5XX_Count'),
    latency: { ...metric('TargetResponseTime'), stat: 'p99' },
    unhealthy_hosts: { ...metric('UnHealthyHostCount'), stat: 'Maximum' },
    db_connection_errors: metric('DatabaseConnectionErrors'),
  },
  triggers: { latency: { floor: 0.1, window: { consecutive: 4 } } },
});
const INPUT = { deploymentId: 'd-4EXAMPLE1', service: 'orders', environment: 'prod' };

describe('watch input and settings', () => {
  it('uses the configured settings when the input overrides nothing', () => {
    const settings = settingsFor(CONFIG, parseWatchInputNow(INPUT));

    expect(settings.minutes).toBe(30);
    expect(settings.triggers.latency).toEqual({ floor: 0.1, window: { consecutive: 4 } });
    expect(settings.rollback).toEqual({ action: 'none' });
  });

  it("lays only the input's minutes on top", () => {
    const settings = settingsFor(CONFIG, parseWatchInputNow({ ...INPUT, minutes: 45 }));

    expect(settings.minutes).toBe(45);
    expect(settings.triggers).toEqual(CONFIG.triggers);
    expect(settings.rollback).toEqual(CONFIG.rollback);
  });

  it.each([
    [{ triggers: { 'error-rate': { threshold: 1000 } } }, /^Invalid watch input: triggers: not accepted/],
    [{ rollback: { action: 'none' } }, /^Invalid watch input: rollback: not accepted/],
    [
      { triggers: {}, rollback: { action: 'codedeploy' } },
      /triggers and rollback: not accepted in the input; triggers and the rollback action come from the configuration only \(watch\.triggers, watch\.rollback\)/,
    ],
  ])('refuses %j: only the configuration aims the watch', (extra, message) => {
    expect(() => parseWatchInputNow({ ...INPUT, ...extra })).toThrow(InvalidInputError);
    expect(() => parseWatchInputNow({ ...INPUT, ...extra })).toThrow(message);
  });

  it.each([
    [{ ...INPUT, service: '' }, 'service: '],
    [{ ...INPUT, minutes: 1.5 }, 'minutes: '],
    [{ ...INPUT, extra: 1 }, 'extra'],
  ])('rejects the input %j naming the field', (input, field) => {
    expect(() => parseWatchInputNow(input)).toThrow(InvalidInputError);
    expect(() => parseWatchInputNow(input)).toThrow(field);
  });

  it.each([
    ['the epoch (an unset commit timestamp)', '1970-01-01T00:00:00Z', '1970-01-01T00:00:00.000Z'],
    ['a year and a day before the watch', '2025-11-25T09:59:00Z', '2025-11-25T09:59:00.000Z'],
  ])(
    'refuses a commit time of %s: the review would count it as the change’s lead time',
    (_, commitTime, shown) => {
      const refuse = () => parseWatchInputNow({ ...INPUT, commitTime });

      expect(refuse).toThrow(InvalidInputError);
      expect(refuse).toThrow(
        `commitTime: got ${shown}, more than 366 days before the watch starts (2026-11-26T10:00:00.000Z); expected the time the change being deployed was committed`,
      );
    },
  );

  it('accepts a commit time up to 366 days before the watch', () => {
    expect(() => parseWatchInputNow({ ...INPUT, commitTime: '2025-11-25T10:00:00Z' })).not.toThrow();
  });

  it('rejects minutes that are not a whole number of periods, with the configuration rules', () => {
    const input = parseWatchInputNow({ ...INPUT, minutes: 7 });

    expect(() => settingsFor({ ...CONFIG, periodSeconds: 300 }, input)).toThrow(
      /minutes: expected a whole number of periods of 300 s/,
    );
  });

  it('needs a CodeDeploy deployment id for the codedeploy action', () => {
    const config = {
      ...CONFIG,
      rollback: {
        action: 'codedeploy',
        deploymentGroups: [{ applicationName: 'orders', deploymentGroupName: 'orders-prod' }],
      },
    };
    const input = parseWatchInputNow({ ...INPUT, deploymentId: 'build-7' });

    expect(() => settingsFor(config, input)).toThrow(/deploymentId: the codedeploy rollback action stops/);
  });
});
