import { describe, expect, it } from 'vitest';
import { tlsChecks } from '../../lambdas/core/checks/tls/definitions';
import type { AccountPorts } from '../../lambdas/core/checks/types';
import { ConfigSchema } from '../../lambdas/core/config/schema';
import { type Finding, worstStatus } from '../../lambdas/core/findings';
import { sampleTlsPorts } from '../../lambdas/sample/tls';

const now = new Date('2026-03-01T12:00:00Z');
const account = { tls: sampleTlsPorts(now) } as AccountPorts;

/** The worst status per resource (FAIL over ERROR over WARN over PASS). */
function worstByResource(findings: readonly Finding[]): Record<string, string | undefined> {
  const byResource = new Map<string, Finding[]>();
  for (const finding of findings)
    byResource.set(finding.resource, [...(byResource.get(finding.resource) ?? []), finding]);
  return Object.fromEntries(
    [...byResource].map(([resource, list]) => [resource, worstStatus(list.map((f) => f.status))]),
  );
}

describe('sampleTlsPorts', () => {
  it('tells the ACM story: healthy, expiring, weak, failed renewal and an old expired certificate', async () => {
    const settings = ConfigSchema.parse({}).checks['acm-certificates'];

    const findings = await tlsChecks['acm-certificates'].run(account, settings, now);

    const certificates = await account.tls.listCertificates();
    const domainOf = new Map(certificates.map((c) => [c.arn, c.domainName]));
    const byDomain = Object.fromEntries(
      Object.entries(worstByResource(findings)).map(([arn, status]) => [domainOf.get(arn), status]),
    );
    expect(byDomain).toEqual({
      'api.example.com': 'PASS',
      'www.example.com': 'FAIL',
      'legacy.example.com': 'FAIL',
      'admin.example.com': 'WARN',
      'vpn.example.com': 'FAIL',
      'old-shop.example.com': 'WARN',
    });
  });

  it('answers probes for the sample endpoints, and refuses any other host', async () => {
    const settings = ConfigSchema.parse({
      checks: {
        'tls-endpoints': {
          endpoints: [
            { host: 'api.example.com' },
            { host: 'status.example.com' },
            { host: 'legacy.example.com' },
            { host: 'unknown.example.com' },
          ],
        },
      },
    }).checks['tls-endpoints'];

    const findings = await tlsChecks['tls-endpoints'].run(account, settings, now);

    expect(worstByResource(findings)).toEqual({
      'api.example.com:443': 'PASS',
      'status.example.com:443': 'FAIL',
      'legacy.example.com:443': 'FAIL',
      'unknown.example.com:443': 'ERROR',
    });
    expect(findings.find((f) => f.resource === 'status.example.com:443' && f.status === 'FAIL')?.rule).toBe(
      'hostname',
    );
  });
});
