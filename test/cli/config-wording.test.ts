import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../support/cli-in-process';

/*
 * Every configuration problem a user can write reads the house way: the key path, what was found,
 * what is expected. None speaks the schema library's own words ("Too small: expected array to have
 * >=1 items", "Invalid key in record", "Invalid option", "Invalid email address").
 */

const dir = mkdtempSync(join(tmpdir(), 'preflight-config-wording-'));
let files = 0;

async function problemsOf(config: unknown): Promise<string> {
  files += 1;
  const file = join(dir, `preflight-${files}.json`);
  writeFileSync(file, JSON.stringify(config));
  const run = await runCliInProcess(['services', '--config', file]);
  expect(run.code).toBe(2);
  return run.stderr;
}

const ORGANIZATION = { organizationalUnits: ['ou-ab12-11111111'], regions: ['eu-west-1'] };
const PROD = { account: '111122223333', region: 'eu-west-1' };
const ZOD_WORDS =
  /Too small|Too big|Invalid key in record|Invalid option|Invalid email|Invalid input|Invalid string|expected (?:string|array|number|int) to (?:have|be)|received /;

describe('configuration problems in the house words', () => {
  it.each([
    [
      { organization: { ...ORGANIZATION, regions: [] } },
      'organization.regions: got []; expected at least 1 item',
    ],
    [
      { environments: { 'Prod EU': PROD } },
      'environments.Prod EU: got "Prod EU"; expected a lower-case environment name such as prod',
    ],
    [
      { services: { Orders: { environments: [] } } },
      'services.Orders: got "Orders"; expected a lower-case service name such as orders-api',
    ],
    [
      {
        environments: { prod: PROD },
        services: { orders: { environments: ['prod'], resources: { tags: { '': 'x' } } } },
      },
      'services.orders.resources.tags."": got ""; expected at least 1 character',
    ],
    [
      { notifications: { emails: ['oncall'] } },
      'notifications.emails.[0]: got "oncall"; expected an email address such as oncall@example.com',
    ],
    [
      { gate: { signoffs: { timeoutMinutes: 0 } } },
      'gate.signoffs.timeoutMinutes: got 0; expected at least 1',
    ],
    [
      { gate: { signoffs: { timeoutMinutes: 1e9 } } },
      'gate.signoffs.timeoutMinutes: got 1000000000; expected at most ',
    ],
    [
      { checks: { tracing: { missingTracing: 'ERROR' } } },
      'checks.tracing.missingTracing: got "ERROR"; expected one of "WARN", "FAIL"',
    ],
    [
      { notifications: { emailVerdicts: ['WARN'] } },
      'notifications.emailVerdicts.[0]: got "WARN"; expected one of "PASS", "FAIL", "ERROR"',
    ],
    [
      { gate: { accountFindings: 'ignore' } },
      'gate.accountFindings: got "ignore"; expected one of "block", "report"',
    ],
    [
      { watch: { metrics: { errors: { namespace: '', metricName: 'x', stat: 'Sum' } } } },
      'watch.metrics.errors.namespace: got ""; expected at least 1 character',
    ],
    [
      {
        environments: { prod: PROD },
        services: { orders: { environments: ['staging'], resources: { tags: { a: 'b' } } } },
      },
      'services.orders.environments.[0]: got "staging"; expected one of the environments defined in environments (prod)',
    ],
    [
      {
        environments: { prod: PROD },
        services: {
          orders: {
            environments: ['prod'],
            resources: { tags: { a: 'b' } },
            checks: { 'database-backups': { minRetentionDay: 7 } },
          },
        },
      },
      'services.orders.checks.database-backups.minRetentionDay: unknown key (did you mean "minRetentionDays"?)',
    ],
    [
      { watch: { rollback: { action: 'none', bogus: 1 } } },
      'watch.rollback.bogus: unknown key; expected none of that name here (check it against the documentation)',
    ],
    [
      {
        checklist: {
          items: [
            {
              id: 'security.waf-enabled',
              section: 'nowhere',
              group: 'Security & Compliance',
              title: 'WAF attached to the public load balancer',
              verification: { kind: 'attestation', key: 'waf' },
            },
          ],
        },
      },
      'checklist.items.[0].section: got "nowhere"; expected one of pre-deployment, ',
    ],
  ])('%j: %s', async (config, line) => {
    const stderr = await problemsOf(config);

    expect(stderr).toContain(`  - ${line}`);
    expect(stderr).not.toMatch(ZOD_WORDS);
  });

  it('says each problem once: no repeated line, no size of a value of the wrong type', async () => {
    const stderr = await problemsOf({
      checks: { 'acm-certificates': { failDays: 1e308 } },
      environments: { prod: PROD },
      services: { orders: { environments: '', resources: { tags: { a: 'b' } } } },
    });
    const lines = stderr.trimEnd().split('\n').slice(1);

    expect(lines).toEqual([...new Set(lines)]);
    expect(
      lines.filter((line) => line.includes('failDays: got 1e+308; expected a whole number')),
    ).toHaveLength(1);
    expect(lines.filter((line) => line.includes('services.orders.environments'))).toEqual([
      '  - services.orders.environments: got ""; expected array',
    ]);
  });

  it('speaks no schema-library words for a wrong type, an empty value or an unknown key anywhere', async () => {
    const stderr = await problemsOf({
      environments: { prod: { ...PROD, regions: [] }, '': PROD },
      services: { orders: { environments: [], resources: { tags: [] } }, 'a b': {} },
      organization: { organizationalUnits: [], regions: [''] },
      notifications: { emails: [''], emailVerdicts: [''] },
      gate: { signoffs: { roles: [''], timeoutMinutes: -1 }, requiredAttestations: [''] },
      checks: { 'secrets-rotation': { exemptTagKey: '' }, alarms: { missingDataExemptAlarms: [''] } },
      watch: { metrics: { errors: { namespace: '', metricName: '', stat: 'Sum', dimensions: { '': '' } } } },
    });

    expect(stderr.split('\n').length).toBeGreaterThan(10);
    expect(stderr).not.toMatch(ZOD_WORDS);
  });
});
