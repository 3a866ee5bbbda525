import { mkdtempSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecureContext, createServer as createTlsServer } from 'node:tls';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuditReport } from '../../lambdas/core/report/model';
import { stubHealthyAccount } from '../support/account-stubs';
import { runCliInProcess } from '../support/cli-in-process';
import {
  createCertificate,
  createTestCa,
  daysFrom,
  generateRsaKey,
  hasIpv6Loopback,
  type LocalServer,
  startPlainServer,
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
  async function auditServer(
    options: Parameters<typeof startTlsServer>[2],
    leafNotAfter = daysFrom(now, 300),
  ): Promise<AuditReport> {
    const ca = createTestCa(generateRsaKey(), now);
    const leaf = createAnyKeyCertificate({
      key: anyKeyOf(generateRsaKey()),
      commonName: HOST,
      altNames: [HOST],
      issuer: issuerOf(ca),
      notBefore: daysFrom(now, -30),
      notAfter: leafNotAfter,
    });
    const server = await startTlsServer(leaf.keyPem, leaf.certPem, options);
    servers.push(server);
    const run = await auditEndpoint(server.port, ca.certPem);
    return JSON.parse(run.stdout) as AuditReport;
  }

  /** `preflight audit --checks tls-endpoints` on the local server at `port`, trusting the CA `caPem`. */
  function auditEndpoint(port: number, caPem: string) {
    return auditEndpoints([{ host: '127.0.0.1', port, servername: HOST }], caPem);
  }

  /** `preflight audit --checks tls-endpoints` on `endpoints` as configured, trusting the CA `caPem`. */
  async function auditEndpoints(endpoints: readonly object[], caPem: string, settings: object = {}) {
    const dir = mkdtempSync(join(tmpdir(), 'preflight-tls-audit-'));
    writeFileSync(join(dir, 'ca.pem'), caPem);
    const config = join(dir, 'preflight.config.json');
    writeFileSync(
      config,
      JSON.stringify({
        checks: {
          'tls-endpoints': {
            endpoints,
            ...(caPem === '' ? {} : { caFile: join(dir, 'ca.pem') }),
            ...settings,
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

  describe('a server that asks for a client certificate (mutual TLS)', () => {
    const byRule = (report: AuditReport) => Object.fromEntries(report.findings.map((f) => [f.rule, f]));

    // The probe sends no client certificate: on TLS 1.2 the server ends the handshake with an alert
    // after presenting its own certificate; on TLS 1.3 the client has finished when the alert comes.
    it.each([
      { protocol: 'TLS 1.2', maxVersion: 'TLSv1.2', negotiated: 'TLSv1.2' },
      { protocol: 'TLS 1.3', maxVersion: 'TLSv1.3', negotiated: 'TLSv1.3' },
    ] as const)(
      'judges the certificate it presented on $protocol and reports that it requires one',
      async ({ maxVersion, negotiated }) => {
        const report = await auditServer({ requestCert: true, rejectUnauthorized: true, maxVersion });

        const findings = byRule(report);
        expect(findings.connection).toBeUndefined();
        expect(findings['client-certificate']).toMatchObject({
          status: 'PASS',
          message: expect.stringMatching(/^The endpoint requires a client certificate \(mutual TLS\)/),
          evidence: expect.objectContaining({ clientCertificate: 'required' }),
        });
        expect(findings.protocol).toMatchObject({
          status: 'PASS',
          evidence: { protocol: negotiated, legacyRefused: expect.any(String) },
        });
        for (const rule of ['expiry', 'trust', 'hostname', 'key-size', 'signature']) {
          expect(findings[rule]?.status, rule).toBe('PASS');
        }
        expect(report.verdict).toBe('PASS');
      },
    );

    it('still fails an expired certificate behind mutual TLS on TLS 1.2', async () => {
      const report = await auditServer(
        { requestCert: true, rejectUnauthorized: true, maxVersion: 'TLSv1.2' },
        daysFrom(now, -2),
      );

      expect(byRule(report).expiry).toMatchObject({
        status: 'FAIL',
        message: expect.stringMatching(/^The certificate expired 2 days ago/),
      });
      expect(report.verdict).toBe('FAIL');
    });

    it('fails protocol for a mutual-TLS server that still accepts TLS 1.0/1.1', async () => {
      const report = await auditServer({
        requestCert: true,
        rejectUnauthorized: true,
        minVersion: 'TLSv1',
        maxVersion: 'TLSv1.2',
      });

      expect(byRule(report).protocol).toMatchObject({
        status: 'FAIL',
        evidence: expect.objectContaining({ protocol: 'TLSv1.2', legacyAccepted: 'TLSv1.1' }),
      });
    });

    it('says a client certificate is asked for but optional when the server goes on without one', async () => {
      const report = await auditServer({ requestCert: true, rejectUnauthorized: false });

      expect(byRule(report)['client-certificate']).toMatchObject({
        status: 'PASS',
        message: expect.stringMatching(/^The endpoint asks for a client certificate \(mutual TLS\) but/),
        evidence: expect.objectContaining({ clientCertificate: 'optional' }),
      });
      expect(report.verdict).toBe('PASS');
    });
  });

  describe('an endpoint on IPv6 (a server on ::1)', () => {
    let ipv6 = false;
    beforeAll(async () => {
      ipv6 = await hasIpv6Loopback();
    });

    /** A server on ::1; the test is skipped only on a machine without an IPv6 loopback (some containers). */
    async function serveOnIpv6(skip: () => void, altNames: readonly string[]) {
      if (!ipv6) skip();
      const ca = createTestCa(generateRsaKey(), now);
      const leaf = createCertificate({
        key: generateRsaKey(),
        commonName: HOST,
        altNames,
        issuer: ca,
        notBefore: daysFrom(now, -30),
        notAfter: daysFrom(now, 300),
      });
      const server = await startTlsServer(leaf.keyPem, leaf.certPem, {}, '::1');
      servers.push(server);
      return { port: server.port, caPem: ca.certPem };
    }

    const statusByRule = (report: AuditReport) =>
      Object.fromEntries(report.findings.map((f) => [f.rule, f.status]));

    it.for(['::1', '[::1]', '0:0:0:0:0:0:0:1'])(
      'probes the address written %j and matches it against the IP subjectAltName',
      async (host, { skip }) => {
        const { port, caPem } = await serveOnIpv6(skip, [HOST, '::1']);

        const run = await auditEndpoints([{ host, port }], caPem);

        const report = JSON.parse(run.stdout) as AuditReport;
        expect(report.findings.map((f) => f.resource)).toContain(`[${host.replace(/^\[|\]$/g, '')}]:${port}`);
        expect(statusByRule(report)).toMatchObject({ trust: 'PASS', hostname: 'PASS', protocol: 'PASS' });
        expect(run.code).toBe(0);
      },
    );

    it('fails hostname for a certificate that names no IP address, probed by its IPv6 address', async ({
      skip,
    }) => {
      const { port, caPem } = await serveOnIpv6(skip, [HOST]);

      const run = await auditEndpoints([{ host: '::1', port }], caPem);

      const report = JSON.parse(run.stdout) as AuditReport;
      expect(report.findings.find((f) => f.rule === 'hostname')).toMatchObject({
        status: 'FAIL',
        message: expect.stringContaining('names no IP address'),
      });
    });

    it('probes by name with SNI at an IPv6 address', async ({ skip }) => {
      const { port, caPem } = await serveOnIpv6(skip, [HOST]);

      const run = await auditEndpoints([{ host: '::1', port, servername: HOST }], caPem);

      const report = JSON.parse(run.stdout) as AuditReport;
      expect(statusByRule(report)).toMatchObject({ trust: 'PASS', hostname: 'PASS' });
      expect(run.code).toBe(0);
    });
  });

  // Let's Encrypt until 2024: ISRG Root X1, in every current trust store, was also served cross-signed
  // by DST Root CA X3, a cross-sign that expired in September 2021. Clients that trust the new root
  // stop there (OpenSSL since 1.1.0 tries trusted certificates first); only those that do not follow
  // the cross-sign to the old root.
  describe('a chain that ends in a cross-signed root', () => {
    async function serveCrossSigned() {
      const oldRoot = createTestCa(generateRsaKey(), now, 'Old Root CA');
      const newRootKey = generateRsaKey();
      const newRoot = createTestCa(newRootKey, now, 'New Root CA');
      const crossSigned = createCertificate({
        key: newRootKey,
        commonName: 'New Root CA',
        issuer: oldRoot,
        isCa: true,
        hash: 'sha1',
        notBefore: daysFrom(now, -900),
        notAfter: daysFrom(now, -10),
      });
      const intermediate = createCertificate({
        key: generateRsaKey(),
        commonName: 'Issuing CA',
        issuer: newRoot,
        isCa: true,
        notBefore: daysFrom(now, -30),
        notAfter: daysFrom(now, 700),
      });
      const leaf = createCertificate({
        key: generateRsaKey(),
        commonName: HOST,
        altNames: [HOST],
        issuer: intermediate,
        notBefore: daysFrom(now, -30),
        notAfter: daysFrom(now, 300),
      });
      const server = await startTlsServer(
        leaf.keyPem,
        leaf.certPem + intermediate.certPem + crossSigned.certPem,
      );
      servers.push(server);
      return { port: server.port, oldRoot, newRoot };
    }

    it('judges the path to the trusted new root, not the expired SHA-1 cross-sign served after it', async () => {
      const { port, newRoot } = await serveCrossSigned();

      const run = await auditEndpoint(port, newRoot.certPem);

      const report = JSON.parse(run.stdout) as AuditReport;
      const byRule = Object.fromEntries(report.findings.map((f) => [f.rule, f]));
      expect(byRule.trust?.status).toBe('PASS');
      expect(byRule.expiry).toMatchObject({
        status: 'PASS',
        message: expect.stringMatching(/^The certificate expires in 29\d days/),
      });
      expect(byRule.signature?.status).toBe('PASS');
      expect(report.verdict).toBe('PASS');
    });

    it('fails the expired cross-sign for a client that trusts only the old root', async () => {
      const { port, oldRoot } = await serveCrossSigned();

      const run = await auditEndpoint(port, oldRoot.certPem);

      const report = JSON.parse(run.stdout) as AuditReport;
      const byRule = Object.fromEntries(report.findings.map((f) => [f.rule, f]));
      expect(byRule.expiry).toMatchObject({
        status: 'FAIL',
        message: expect.stringMatching(/^Chain certificate "CN=New Root CA" expired 10 days ago/),
      });
      expect(byRule.signature?.status).toBe('FAIL');
    });
  });

  describe('names a certificate clients refuse', () => {
    it('fails hostname for a partial-label wildcard (sh*.example.com), which browsers and Go refuse', async () => {
      const ca = createTestCa(generateRsaKey(), now);
      const leaf = createCertificate({
        key: generateRsaKey(),
        commonName: HOST,
        altNames: ['sh*.preflight.test'],
        issuer: ca,
        notBefore: daysFrom(now, -30),
        notAfter: daysFrom(now, 300),
      });
      const server = await startTlsServer(leaf.keyPem, leaf.certPem);
      servers.push(server);

      const run = await auditEndpoint(server.port, ca.certPem);

      const report = JSON.parse(run.stdout) as AuditReport;
      expect(report.findings.find((f) => f.rule === 'hostname')).toMatchObject({
        status: 'FAIL',
        message: expect.stringContaining('"sh*.preflight.test" is a partial-label wildcard'),
      });
    });
  });

  describe('a server that breaks the handshake', () => {
    /** A TCP server that reads the ClientHello and answers it with `answer`. */
    async function rawServer(answer: (socket: Socket) => void): Promise<number> {
      const server = createServer((socket) => {
        socket.on('error', () => {});
        socket.once('data', () => answer(socket));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      servers.push({ port: 0, close: () => new Promise((resolve) => server.close(() => resolve())) });
      return (server.address() as AddressInfo).port;
    }

    it.each([
      {
        server: 'resets the connection',
        answer: (socket: Socket) => socket.resetAndDestroy(),
        says: 'the server reset the connection during the TLS handshake (ECONNRESET)',
      },
      {
        server: 'closes the connection',
        answer: (socket: Socket) => socket.end(),
        says: 'the server closed the connection during the TLS handshake',
      },
    ])('is an ERROR saying the server $server during the handshake', async ({ answer, says }) => {
      const port = await rawServer(answer);

      const run = await auditEndpoints([{ host: '127.0.0.1', port, servername: HOST }], '');

      const report = JSON.parse(run.stdout) as AuditReport;
      expect(report.findings).toEqual([
        expect.objectContaining({
          rule: 'connection',
          status: 'ERROR',
          message: expect.stringContaining(says),
        }),
      ]);
      expect(report.verdict).not.toBe('PASS');
    });

    it('says no SNI was sent when a server that chooses its certificate by name refuses an IP address', async () => {
      const ca = createTestCa(generateRsaKey(), now);
      const leaf = createCertificate({
        key: generateRsaKey(),
        commonName: HOST,
        altNames: [HOST],
        issuer: ca,
        notBefore: daysFrom(now, -30),
        notAfter: daysFrom(now, 300),
      });
      const context = createSecureContext({ key: leaf.keyPem, cert: leaf.certPem });
      // No default certificate: without SNI the server has nothing to present.
      const server = createTlsServer(
        {
          SNICallback: (name, done) =>
            name === HOST ? done(null, context) : done(new Error('unknown name')),
        },
        (socket) => socket.end(),
      );
      server.on('tlsClientError', () => {});
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      servers.push({ port: 0, close: () => new Promise((resolve) => server.close(() => resolve())) });
      const { port } = server.address() as AddressInfo;

      const run = await auditEndpoints([{ host: '127.0.0.1', port }], ca.certPem);

      const report = JSON.parse(run.stdout) as AuditReport;
      expect(report.findings[0]).toMatchObject({
        rule: 'connection',
        status: 'ERROR',
        message: expect.stringContaining('no SNI was sent'),
      });
    });

    it('reports every endpoint when one never answers, that one as a timeout', async () => {
      const tarpit = await startPlainServer(true);
      servers.push(tarpit);
      const { port, caPem } = await (async () => {
        const ca = createTestCa(generateRsaKey(), now);
        const leaf = createCertificate({
          key: generateRsaKey(),
          commonName: HOST,
          altNames: [HOST],
          issuer: ca,
          notBefore: daysFrom(now, -30),
          notAfter: daysFrom(now, 300),
        });
        const server = await startTlsServer(leaf.keyPem, leaf.certPem);
        servers.push(server);
        return { port: server.port, caPem: ca.certPem };
      })();

      const run = await auditEndpoints(
        [
          { host: '127.0.0.1', port: tarpit.port, servername: HOST },
          { host: '127.0.0.1', port, servername: HOST },
        ],
        caPem,
        { timeoutMs: 1000 },
      );

      const report = JSON.parse(run.stdout) as AuditReport;
      const byResource = (resource: string) => report.findings.filter((f) => f.resource === resource);
      expect(byResource(`${HOST}@127.0.0.1:${tarpit.port}`)).toEqual([
        expect.objectContaining({
          rule: 'connection',
          status: 'ERROR',
          evidence: expect.objectContaining({ reason: 'timeout' }),
        }),
      ]);
      expect(byResource(`${HOST}@127.0.0.1:${port}`).map((f) => f.status)).toEqual(
        expect.arrayContaining(['PASS']),
      );
      expect(byResource(`${HOST}@127.0.0.1:${port}`).every((f) => f.status === 'PASS')).toBe(true);
    });
  });
});
