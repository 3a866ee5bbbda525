import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { acceptAuditInput } from '../../../lambdas/core/audit-input';
import { validateConfig } from '../../../lambdas/core/config/validate';
import { reportSettings } from '../../../lambdas/core/report/settings';
import { run } from '../../../lambdas/handlers/audit/build-report';
import { InvalidInputError } from '../../../lambdas/handlers/errors';
import { restoreEnvironment, saveEnvironment } from '../../support/environment';
import { stubS3 } from '../../support/s3-stub';

const environmentBefore = saveEnvironment();
afterAll(() => restoreEnvironment(environmentBefore));

/*
 * The report step judges a run with the report's slice of the configuration, written into the
 * state machine at synth time. It validates that slice itself: a value that is not what the
 * configuration allows fails the step, naming the field, before anything is read or written.
 */

process.env.REPORT_BUCKET = 'reports';
process.env.HISTORY_TABLE = 'history';
process.env.POWERTOOLS_SERVICE_NAME = 'preflight';

const s3 = stubS3();
const dynamo = mockClient(DynamoDBClient);

afterAll(() => {
  s3.mock.restore();
  dynamo.restore();
});
const CONFIG = validateConfig({
  gate: {
    signoffs: {
      roles: ['Security Engineer'],
      approvers: { 'Security Engineer': ['arn:aws:iam::123456789012:role/SecurityApprovers'] },
    },
  },
  services: {
    'orders-api': { environments: ['prod'], resources: { tags: { service: 'orders-api' } } },
  },
  environments: { prod: {} },
});
const SETTINGS = reportSettings(CONFIG);
const NOW = '2026-11-30T10:00:00.000Z';
const GATE = acceptAuditInput(
  { service: 'orders-api', environment: 'prod', deploymentId: 'd-1' },
  CONFIG,
  'run-1',
  Date.parse(NOW),
);

const event = (settings: unknown, audit = GATE) => ({ now: NOW, audit, settings, results: [], backups: [] });

describe('build-report handler: the report settings', () => {
  beforeEach(() => {
    s3.install();
    s3.objects.clear();
    dynamo.reset();
  });

  it('carries what the report judges a service with, and no more of the configuration', () => {
    expect(SETTINGS.services['orders-api']?.prod).toEqual({
      resources: { tags: { service: 'orders-api' }, stacks: [], arns: [], names: [] },
      accountFindings: 'block',
      signoffRoles: ['Security Engineer'],
      checks: expect.arrayContaining(['acm-certificates', 'alarms', 'database-backups']),
    });
    expect(Object.keys(SETTINGS).sort()).toEqual([
      'account',
      'accountWideChecks',
      'checklist',
      'mutes',
      'requiredAttestations',
      'services',
      'signoffTimeoutMinutes',
      'timezone',
      'warnBlocks',
    ]);
    // IAM is global: the report expects one result of it per run, whatever the regions.
    expect(SETTINGS.accountWideChecks).toContain('iam-access-keys');
    // The approvers stay with the control endpoint: the report needs only whom to wait for.
    expect(JSON.stringify(SETTINGS)).not.toContain('SecurityApprovers');
  });

  it.each([
    [
      'a sign-off role that is empty',
      {
        ...SETTINGS,
        services: {
          'orders-api': { prod: { ...SETTINGS.services['orders-api']?.prod, signoffRoles: [''] } },
        },
      },
      'settings.services.orders-api.prod.signoffRoles.0: Too small',
    ],
    [
      'a check id that is not one',
      { ...SETTINGS, account: { ...SETTINGS.account, checks: ['$.attacker'] } },
      'settings.account.checks.0: expected a check id such as tls-endpoints',
    ],
    [
      'a time zone that is not one',
      { ...SETTINGS, timezone: 'Mars/Olympus' },
      'settings.timezone: expected an IANA time zone such as UTC or Europe/Paris',
    ],
    [
      'a service name that is not one',
      { ...SETTINGS, services: { 'Orders API': SETTINGS.services['orders-api'] } },
      'settings.services.Orders API: Invalid key in record',
    ],
    [
      'a resource selector that selects nothing',
      {
        ...SETTINGS,
        services: {
          'orders-api': {
            prod: {
              ...SETTINGS.services['orders-api']?.prod,
              resources: { tags: {}, stacks: [], arns: [], names: [] },
            },
          },
        },
      },
      'settings.services.orders-api.prod.resources: expected at least one of tags, stacks, arns or names',
    ],
    [
      'a key the slice does not have',
      { ...SETTINGS, config: CONFIG },
      'settings: Unrecognized key: "config"',
    ],
    [
      'no slice at all (the old input)',
      undefined,
      'settings: Invalid input: expected object, received undefined',
    ],
  ])('refuses %s, naming the field, and writes nothing', async (_what, settings, message) => {
    const refused = run(event(settings));
    await expect(refused).rejects.toThrow(InvalidInputError);
    await expect(refused).rejects.toThrow(message);
    expect(s3.objects.size).toBe(0);
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('refuses a run whose service the settings do not name, and writes nothing', async () => {
    const settings = { ...SETTINGS, services: {} };
    await expect(run(event(settings))).rejects.toThrow(
      'the report settings have no settings for service "orders-api" in environment "prod" (settings.services)',
    );
    expect(s3.objects.size).toBe(0);
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('judges a run with the slice: every check the service enables, and the attestations it requires', async () => {
    const out = await run(event(SETTINGS));
    // No check ran and nothing was attested: the enabled checks are ERRORs, the required attestations
    // of the slice fail their items, and a gate that fails asks nobody to sign off.
    expect(out.verdict).toBe('FAIL');
    expect(out.awaitSignoffs).toBe(false);
    expect(out.blockingItems).toEqual(
      expect.arrayContaining(['application.tests-passing', 'security.ssl-certificates']),
    );
    const report = s3.json(`runs/run-1/report.json`) as { checks: { checkId: string; status: string }[] };
    const checks = report.checks.filter((c) => c.checkId !== 'attestations');
    expect(checks.map((c) => c.checkId).sort()).toEqual(
      [...(SETTINGS.services['orders-api']?.prod?.checks ?? [])].sort(),
    );
    expect(checks.every((c) => c.status === 'ERROR')).toBe(true);
  });

  it.each(['constructor'])(
    'fails a required attestation keyed %s that the pipeline did not give, never passing it as attested',
    async (key) => {
      // A plain object answers every name it inherits: `attestations["constructor"]` is a function.
      const config = validateConfig({
        services: {
          'orders-api': { environments: ['prod'], resources: { tags: { service: 'orders-api' } } },
        },
        environments: { prod: {} },
        checklist: {
          items: [
            {
              id: 'security.waf-enabled',
              section: 'pre-deployment',
              group: 'Security & Compliance',
              title: 'WAF attached',
              verification: { kind: 'attestation', key },
            },
          ],
        },
        gate: { requiredAttestations: [key] },
      });
      const audit = acceptAuditInput(
        { service: 'orders-api', environment: 'prod', deploymentId: 'd-1' },
        config,
        'run-1',
        Date.parse(NOW),
      );

      const out = await run(event(reportSettings(config), audit));

      expect(out.blockingItems).toContain('security.waf-enabled');
      const report = s3.json('runs/run-1/report.json') as {
        findings: { itemId?: string; status: string; message: string }[];
      };
      const waf = report.findings.filter((f) => f.itemId === 'security.waf-enabled');
      expect(waf.map((f) => f.status)).toEqual(['FAIL']);
      expect(JSON.stringify(waf)).not.toContain('native code');
    },
  );
});
