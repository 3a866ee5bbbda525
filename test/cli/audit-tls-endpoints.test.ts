import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuditReport } from '../../lambdas/core/report/model';
import { stubHealthyAccount } from '../support/account-stubs';
import { runCliInProcess } from '../support/cli-in-process';
import {
  createTestCa,
  daysFrom,
  generateRsaKey,
  type LocalServer,
  startTlsServer,
} from '../support/tls-certs';
import { anyKeyOf, createAnyKeyCertificate, generateAnyKey, issuerOf } from '../support/tls-key-types';

/*
 * `preflight audit --checks tls-endpoints`: the check as an audit runs it (the tls family's ports,
 * the real probe) against a real local server, so the report carries what probe-tls prints.
 */

const ACCOUNT = '111122223333';
const HOST = 'shop.preflight.test';
const now = new Date();
const account = stubHealthyAccount(now);
afterAll(() => {
  account.restore();
});
const servers: LocalServer[] = [];
afterAll(async () => Promise.all(servers.map((s) => s.close())));

beforeEach(() => {
  account.install();
  account.pipelineCaller(ACCOUNT);
});

describe('preflight audit --checks tls-endpoints', () => {
  it('reports an endpoint expired just over a day ago as -1 and "1 day ago", and its DSA intermediate', async () => {
    const ca = createTestCa(generateRsaKey(), now);
    const intermediate = createAnyKeyCertificate({
      key: generateAnyKey({ type: 'dsa', bits: 1024 }),
      commonName: 'Preflight DSA Issuing CA',
      issuer: issuerOf(ca),
      isCa: true,
      notBefore: daysFrom(now, -30),
      notAfter: daysFrom(now, 400),
    });
    const leaf = createAnyKeyCertificate({
      key: anyKeyOf(generateRsaKey()),
      commonName: HOST,
      altNames: [HOST],
      issuer: intermediate,
      notBefore: daysFrom(now, -90),
      notAfter: new Date(Date.now() - 86_400_000 - 60_000),
    });
    const server = await startTlsServer(leaf.keyPem, leaf.certPem + intermediate.certPem);
    servers.push(server);
    const run = await auditEndpoint(server.port, ca.certPem);

    const report = JSON.parse(run.stdout) as AuditReport;
    const byRule = Object.fromEntries(report.findings.map((f) => [f.rule, f]));
    expect(byRule.expiry).toMatchObject({
      status: 'FAIL',
      message: expect.stringMatching(/^The certificate expired 1 day ago /),
      evidence: expect.objectContaining({ daysToExpiry: -1, expired: true }),
    });
    expect(byRule['key-size']).toMatchObject({
      status: 'FAIL',
      message: expect.stringMatching(
        /^Chain certificate "CN=Preflight DSA Issuing CA" has a 1024-bit DSA key/,
      ),
    });
    expect(run.code).toBe(1);
  });

  /** `preflight audit --checks tls-endpoints` on one local server started with `options`. */
  async function auditServer(options: Parameters<typeof startTlsServer>[2]): Promise<AuditReport> {
    const ca = createTestCa(generateRsaKey(), now);
    const leaf = createAnyKeyCertificate({
      key: anyKeyOf(generateRsaKey()),
      commonName: HOST,
      altNames: [HOST],
      issuer: issuerOf(ca),
      notBefore: daysFrom(now, -30),
      notAfter: daysFrom(now, 300),
    });
    const server = await startTlsServer(leaf.keyPem, leaf.certPem, options);
    servers.push(server);
    const run = await auditEndpoint(server.port, ca.certPem);
    return JSON.parse(run.stdout) as AuditReport;
  }

  /** `preflight audit --checks tls-endpoints` on the local server at `port`, trusting the CA `caPem`. */
  async function auditEndpoint(port: number, caPem: string) {
    const dir = mkdtempSync(join(tmpdir(), 'preflight-tls-audit-'));
    writeFileSync(join(dir, 'ca.pem'), caPem);
    const config = join(dir, 'preflight.config.json');
    writeFileSync(
      config,
      JSON.stringify({
        checks: {
          'tls-endpoints': {
            endpoints: [{ host: '127.0.0.1', port, servername: HOST }],
            caFile: join(dir, 'ca.pem'),
          },
        },
      }),
    );
    return runCliInProcess([
      'audit',
      '-c',
      config,
      '--quiet',
      '--format',
      'json',
      '--checks',
      'tls-endpoints',
    ]);
  }

  // An ELB listener on ELBSecurityPolicy-2016-08 (or CloudFront on TLSv1): TLS 1.3 to a modern
  // client, TLS 1.0 to anyone who asks for it.
  it.each([
    { offers: 'TLS 1.0 to 1.3', minVersion: 'TLSv1', legacy: 'TLSv1.1' },
    { offers: 'TLS 1.1 to 1.3', minVersion: 'TLSv1.1', legacy: 'TLSv1.1' },
  ] as const)(
    'fails protocol for a server that offers $offers, naming $legacy',
    async ({ minVersion, legacy }) => {
      const report = await auditServer({ minVersion, maxVersion: 'TLSv1.3' });

      const protocol = report.findings.find((f) => f.rule === 'protocol');
      expect(protocol).toMatchObject({
        status: 'FAIL',
        message: expect.stringContaining(`still accepts ${legacy}`),
        evidence: expect.objectContaining({ protocol: 'TLSv1.3', legacyAccepted: legacy }),
      });
      expect(report.verdict).toBe('FAIL');
    },
  );

  it('passes protocol for a server that refuses TLS 1.0 and 1.1, saying so', async () => {
    const report = await auditServer({ minVersion: 'TLSv1.2' });

    const protocol = report.findings.find((f) => f.rule === 'protocol');
    expect(protocol).toMatchObject({
      status: 'PASS',
      message: 'Negotiated TLSv1.3; TLS 1.0 and 1.1 are refused.',
    });
    expect(report.verdict).toBe('PASS');
  });
});
