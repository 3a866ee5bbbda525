import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditReport } from '../../lambdas/core/report/model';
import { runCliInProcess } from './cli-in-process';

/**
 * A configuration file with one environment, `prod` (the account and region given), and one service,
 * `orders`, scoped by the tag `service=orders`: what a test of one check through `preflight audit`
 * needs when it stubs the tagged resources itself.
 */
export function taggedServiceConfigFile(account: string, region: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'preflight-tagged-')), 'preflight.config.json');
  writeFileSync(
    file,
    JSON.stringify({
      environments: { prod: { account, region } },
      services: { orders: { environments: ['prod'], resources: { tags: { service: 'orders' } } } },
    }),
  );
  return file;
}

/** `preflight audit --service orders --env prod --checks <check> --format json`, in process. */
export async function auditTaggedService(
  configFile: string,
  check: string,
): Promise<{ run: Awaited<ReturnType<typeof runCliInProcess>>; report: AuditReport }> {
  const run = await runCliInProcess([
    'audit',
    '-c',
    configFile,
    '--service',
    'orders',
    '--env',
    'prod',
    '--quiet',
    '--format',
    'json',
    '--checks',
    check,
  ]);
  return { run, report: JSON.parse(run.stdout) as AuditReport };
}

/** The report's API Gateway findings as `rule path STATUS` lines, sorted: which stages a check judged, and how. */
export const apiGatewayFindings = (report: AuditReport): string[] =>
  report.findings
    .filter((f) => f.resource.includes(':apigateway:'))
    .map((f) => `${f.rule} ${f.resource.slice(f.resource.indexOf('::') + 2)} ${f.status}`)
    .sort();
