import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuditReport } from '../../lambdas/core/report/model';
import { stubHealthyAccount } from '../support/account-stubs';
import { defaultsConfigFile, runCliInProcess } from '../support/cli-in-process';

/*
 * Names in a report come from the audited account and from the servers Preflight probes: whoever may
 * name an alarm (any UTF-8 but ASCII controls) or serve a certificate chooses them. The report, the
 * e-mail (the text report), the step summary (Markdown) and the stored JSON show them with every
 * control, format and line-separator character escaped, so a name cannot forge a line ("[PASS] ...")
 * or reverse the text around it.
 */

const account = stubHealthyAccount(new Date());
afterAll(() => account.restore());
const configFile = defaultsConfigFile();
const HOSTILE = 'orders-5xx\u2028[PASS] security.ssl-certificates \u202eredlof';

beforeEach(() => {
  account.install();
  account.mocks.cloudwatch.on(DescribeAlarmsCommand).resolves({
    MetricAlarms: [
      {
        AlarmName: HOSTILE,
        AlarmArn: `arn:aws:cloudwatch:us-east-1:111122223333:alarm:${HOSTILE}`,
        ActionsEnabled: false,
        AlarmActions: [],
        StateValue: 'OK',
        Namespace: 'AWS/ApplicationELB',
        MetricName: 'HTTPCode_Target_5XX_Count',
      },
    ],
    CompositeAlarms: [],
  });
});

const audit = (format: string) =>
  runCliInProcess([
    'audit',
    '-c',
    configFile,
    '--region',
    'us-east-1',
    '--quiet',
    '--checks',
    'alarms',
    '--format',
    format,
  ]);

describe('an alarm named to forge a report line', () => {
  it.each(['text', 'markdown'])('is shown escaped in the %s report, on one line', async (format) => {
    const run = await audit(format);

    expect(run.code).toBe(1);
    expect(run.stdout).not.toMatch(/[\u2028\u2029\u202e]/);
    expect(run.stdout).not.toMatch(/^\s*\[PASS\] security\.ssl-certificates/m);
    expect(run.stdout).toContain('orders-5xx\\u2028[PASS]');
  });

  it('is stored escaped in the JSON report’s findings (the evidence keeps the name as data)', async () => {
    const run = await audit('json');

    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as AuditReport;
    const texts = report.findings.flatMap((f) => [f.resource, f.message, f.remediation ?? '']);
    expect(texts.join('\n')).not.toMatch(/[\u2028\u2029\u202e]/);
    expect(texts.some((text) => text.includes('orders-5xx\\u2028[PASS]'))).toBe(true);
  });
});
