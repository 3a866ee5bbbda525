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
    const dir = mkdtempSync(join(tmpdir(), 'preflight-tls-audit-'));
    writeFileSync(join(dir, 'ca.pem'), ca.certPem);
    const config = join(dir, 'preflight.config.json');
    writeFileSync(
      config,
      JSON.stringify({
        checks: {
          'tls-endpoints': {
            endpoints: [{ host: '127.0.0.1', port: server.port, servername: HOST }],
            caFile: join(dir, 'ca.pem'),
          },
        },
      }),
    );

    const run = await runCliInProcess([
      'audit',
      '-c',
      config,
      '--quiet',
      '--format',
      'json',
      '--checks',
      'tls-endpoints',
    ]);

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
});
