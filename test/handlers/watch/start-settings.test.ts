import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { validateConfig } from '../../../lambdas/core/config/validate';
import { watchTargetSettings } from '../../../lambdas/core/services/target-settings';
import { InvalidInputError } from '../../../lambdas/handlers/errors';
import { run } from '../../../lambdas/handlers/watch/start';
import { restoreEnvironment, saveEnvironment } from '../../support/environment';
import { stubS3 } from '../../support/s3-stub';

const environmentBefore = saveEnvironment();
afterAll(() => restoreEnvironment(environmentBefore));

/*
 * The watch starts from its slice of the configuration, written into the state machine at synth
 * time. It validates that slice with the sections' own schemas: a value the configuration would not
 * allow fails the start, naming the field, before any metric is read or anything is written.
 */

process.env.REPORT_BUCKET = 'reports';
process.env.HISTORY_TABLE = 'history';
process.env.POWERTOOLS_SERVICE_NAME = 'preflight';

const s3 = stubS3();
const dynamo = mockClient(DynamoDBClient);
const cloudwatch = mockClient(CloudWatchClient);

afterAll(() => {
  s3.mock.restore();
  dynamo.restore();
  cloudwatch.restore();
});
const CONFIG = validateConfig({
  services: { orders: { environments: ['prod'], resources: { tags: { service: 'orders' } } } },
  environments: { prod: {} },
  notifications: { emails: ['oncall@example.com'] },
});
const SETTINGS = watchTargetSettings(CONFIG);
const INPUT = { deploymentId: 'd-4EXAMPLE1', service: 'orders', environment: 'prod' };
const start = (settings: unknown) =>
  run({ input: INPUT, settings, runId: 'd-4EXAMPLE1', startedAt: '2026-11-30T10:00:00.000Z' });

describe('watch start: the watch settings', () => {
  beforeEach(() => {
    s3.install();
    s3.objects.clear();
    dynamo.reset();
    cloudwatch.reset();
  });

  it('holds the sections a target is resolved from and the follow-ups keep, not the rest', () => {
    expect(Object.keys(SETTINGS).sort()).toEqual([
      'checklist',
      'checks',
      'environments',
      'gate',
      'mutes',
      'services',
      'watch',
    ]);
    expect(Object.keys(SETTINGS.gate).sort()).toEqual(['accountFindings', 'signoffs']);
    expect(JSON.stringify(SETTINGS)).not.toContain('oncall@example.com');
  });

  it.each([
    [
      'an environment account that is not an account id',
      { ...SETTINGS, environments: { prod: { ...SETTINGS.environments.prod, account: '$.attacker' } } },
      'settings.environments.prod.account: expected a 12-digit AWS account id',
    ],
    [
      'a service that owns nothing',
      {
        ...SETTINGS,
        services: {
          orders: { ...SETTINGS.services.orders, resources: { tags: {}, stacks: [], arns: [], names: [] } },
        },
      },
      'settings.services.orders.resources: expected at least one of tags, stacks, arns or names',
    ],
    [
      'a watch length out of bounds',
      { ...SETTINGS, watch: { ...SETTINGS.watch, minutes: 0 } },
      'settings.watch.minutes',
    ],
    [
      'a section the slice does not have',
      { ...SETTINGS, notifications: { emails: ['attacker@example.com'] } },
      'settings: Unrecognized key: "notifications"',
    ],
    [
      'no slice at all (the old input)',
      undefined,
      'settings: Invalid input: expected object, received undefined',
    ],
  ])('refuses %s, naming the field, and reads and writes nothing', async (_what, settings, message) => {
    const refused = start(settings);
    await expect(refused).rejects.toThrow(InvalidInputError);
    await expect(refused).rejects.toThrow(message);
    expect(s3.objects.size).toBe(0);
    expect(dynamo.calls()).toHaveLength(0);
    expect(cloudwatch.calls()).toHaveLength(0);
  });

  it('refuses a deployment start whose baseline CloudWatch no longer returns at 10-second periods', async () => {
    const refused = run({
      input: { ...INPUT, deploymentStartedAt: '2026-11-30T06:00:00Z' },
      settings: { ...SETTINGS, watch: { ...SETTINGS.watch, periodSeconds: 10, minutes: 10 } },
      runId: 'd-4EXAMPLE1',
      startedAt: '2026-11-30T10:00:00.000Z',
    });
    await expect(refused).rejects.toThrow(
      'deploymentStartedAt: at 10-second periods CloudWatch returns data of the last 3 hours only, and the baseline would start at 2026-11-30T05:00:00.000Z',
    );
    expect(cloudwatch.calls()).toHaveLength(0);
  });
});
