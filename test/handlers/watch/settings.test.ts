import { describe, expect, it } from 'vitest';
import { WatchSettingsSchema } from '../../../lambdas/core/config/watch-schema';
import { InvalidInputError } from '../../../lambdas/handlers/errors';
import { parseWatchInput, settingsFor } from '../../../lambdas/handlers/watch/settings';

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
    const settings = settingsFor(CONFIG, parseWatchInput(INPUT));

    expect(settings.minutes).toBe(30);
    expect(settings.triggers.latency).toEqual({ floor: 0.1, window: { consecutive: 4 } });
    expect(settings.rollback).toEqual({ action: 'none' });
  });

  it('lays the input on top, trigger by trigger and key by key', () => {
    const input = parseWatchInput({
      ...INPUT,
      minutes: 45,
      triggers: { latency: { shadow: true }, 'error-rate': { enabled: false } },
      rollback: { action: 'codedeploy' },
    });

    const settings = settingsFor(CONFIG, input);

    expect(settings.minutes).toBe(45);
    expect(settings.triggers.latency).toEqual({ floor: 0.1, window: { consecutive: 4 }, shadow: true });
    expect(settings.triggers['error-rate']).toEqual({ enabled: false });
    expect(settings.rollback).toEqual({ action: 'codedeploy' });
  });

  it.each([
    [{ ...INPUT, service: '' }, 'service: '],
    [{ ...INPUT, minutes: 1.5 }, 'minutes: '],
    [{ ...INPUT, extra: 1 }, 'extra'],
  ])('rejects the input %j naming the field', (input, field) => {
    expect(() => parseWatchInput(input)).toThrow(InvalidInputError);
    expect(() => parseWatchInput(input)).toThrow(field);
  });

  it.each([
    [
      { minutes: 7 },
      { ...CONFIG, periodSeconds: 300 },
      /minutes: expected a whole number of periods of 300 s/,
    ],
    [
      { triggers: { 'new-one': { shadow: true } } },
      CONFIG,
      /triggers\.new-one\.expression: expected expression/,
    ],
    [
      { triggers: { latency: { expression: 'p50_latency' } } },
      CONFIG,
      /metrics: expected a definition for metric id "p50_latency", used by trigger "latency"/,
    ],
    [
      { rollback: { action: 'lambda', functionArn: 'orders-rollback' } },
      CONFIG,
      /rollback\.functionArn: expected a Lambda function ARN/,
    ],
  ])('rejects the override %j with the configuration rules', (override, config, message) => {
    expect(() => settingsFor(config, parseWatchInput({ ...INPUT, ...override }))).toThrow(message);
  });

  it('needs a CodeDeploy deployment id for the codedeploy action', () => {
    const input = parseWatchInput({ ...INPUT, deploymentId: 'build-7', rollback: { action: 'codedeploy' } });

    expect(() => settingsFor(CONFIG, input)).toThrow(/deploymentId: the codedeploy rollback action stops/);
  });
});
