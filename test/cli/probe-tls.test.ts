import { mkdtempSync, writeFileSync } from 'node:fs';
import { type AddressInfo, connect, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecureContext } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, runCli } from '../support/cli';
import {
  type CertificateSpec,
  closedPort,
  createCertificate,
  createTestCa,
  daysFrom,
  generateRsaKey,
  hasIpv6Loopback,
  type LocalServer,
  startPlainServer,
  startTlsServer,
  type TestCertificate,
  type TestKey,
} from '../support/tls-certs';
import {
  type AnyKey,
  anyKeyOf,
  createAnyKeyCertificate,
  generateAnyKey,
  issuerOf,
  unknownAlgorithmSpki,
} from '../support/tls-key-types';

const HOST = 'shop.preflight.test';
const now = new Date();

/** Runs the CLI the way a user does: `preflight probe-tls ...`. */
function preflight(...args: string[]): Promise<CliRun> {
  return runCli(['probe-tls', ...args]);
}

let leafKey: TestKey;
let ca: TestCertificate;
let caFile: string;
const servers: LocalServer[] = [];

beforeAll(() => {
  leafKey = generateRsaKey();
  ca = createTestCa(generateRsaKey(), now);
  caFile = join(mkdtempSync(join(tmpdir(), 'preflight-cli-')), 'ca.pem');
  writeFileSync(caFile, ca.certPem);
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

async function serve(overrides: Partial<CertificateSpec> = {}): Promise<string> {
  const cert = createCertificate({
    key: leafKey,
    commonName: HOST,
    altNames: [HOST],
    notBefore: daysFrom(now, -30),
    notAfter: daysFrom(now, 90),
    issuer: ca,
    ...overrides,
  });
  const server = await startTlsServer(cert.keyPem, cert.certPem);
  servers.push(server);
  return `127.0.0.1:${server.port}`;
}

function probeJson(target: string, ...extra: string[]): Promise<CliRun> {
  return preflight(target, '--servername', HOST, '--ca-file', caFile, '--json', ...extra);
}

describe('preflight probe-tls --json', () => {
  it('prints PASS and exits 0 for a valid certificate trusted through --ca-file', async () => {
    const target = await serve();

    const run = await probeJson(target);

    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({
      status: 'PASS',
      host: '127.0.0.1',
      servername: HOST,
      protocol: 'TLSv1.3',
      chainTrusted: true,
      hostnameMatches: true,
      daysToExpiry: 89,
      keyBits: 2048,
      signatureAlgorithm: 'sha256WithRSAEncryption',
      error: null,
    });
    expect(new Date(report.notAfter).toISOString()).toBe(report.notAfter);
  });

  it('prints WARN and exits 0 for a certificate expiring in 10 days', async () => {
    const target = await serve({ notAfter: daysFrom(now, 10) });

    const run = await probeJson(target);

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'WARN', daysToExpiry: 9, chainTrusted: true });
  });

  it('follows --warn-days', async () => {
    const target = await serve({ notAfter: daysFrom(now, 10) });

    const run = await probeJson(target, '--warn-days', '5', '--fail-days', '2');

    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'PASS' });
  });

  it.each([
    {
      case: 'an expired certificate',
      spec: { notBefore: daysFrom(now, -100), notAfter: daysFrom(now, -3) },
      expected: { daysToExpiry: -3, expired: true, chainTrusted: true, hostnameMatches: true },
    },
    {
      case: 'a certificate for another host',
      spec: { commonName: 'other.preflight.test', altNames: ['other.preflight.test'] },
      expected: { hostnameMatches: false, chainTrusted: true },
    },
    {
      case: 'an untrusted self-signed certificate',
      spec: { issuer: undefined },
      expected: { chainTrusted: false, trustError: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
    },
    {
      case: 'a SHA-1 signed certificate',
      spec: { hash: 'sha1' as const },
      expected: { signatureAlgorithm: 'sha1WithRSAEncryption', chainTrusted: true },
    },
  ])('prints FAIL and exits 1 for $case', async ({ spec, expected }) => {
    const target = await serve(spec);

    const run = await probeJson(target);

    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'FAIL', ...expected });
  });

  it('prints ERROR with null unknowns and exits 2 for a refused port', async () => {
    const run = await probeJson(`127.0.0.1:${await closedPort()}`);

    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({
      status: 'ERROR',
      protocol: null,
      daysToExpiry: null,
      notAfter: null,
      hostnameMatches: null,
      chainTrusted: null,
      error: expect.stringContaining('ECONNREFUSED'),
    });
  });

  it('prints ERROR and exits 2 for a server that does not speak TLS', async () => {
    const server = await startPlainServer();
    servers.push(server);

    const run = await probeJson(`127.0.0.1:${server.port}`);

    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({
      status: 'ERROR',
      error: expect.stringContaining('not a TLS endpoint'),
    });
    // OpenSSL ends its messages with a newline: one line per finding, all the same.
    expect(report.error).not.toContain('\n');
    expect(report.findings[0].message).toMatch(/wrong version number\)\.$/);
  });

  it('says the answer was not TLS, naming plain HTTP, for a server that answers in HTTP', async () => {
    const server = await startPlainServer();
    servers.push(server);

    const run = await probeJson(`127.0.0.1:${server.port}`);

    expect(JSON.parse(run.stdout).error).toContain(
      'the server answered the TLS ClientHello with something that is not TLS (plain HTTP or another protocol on this port)',
    );
  });

  it('says the server accepted the connection but never answered the handshake, when it stays silent', async () => {
    const server = await startPlainServer(true);
    servers.push(server);

    const run = await probeJson(`127.0.0.1:${server.port}`, '--timeout', '300');

    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({
      status: 'ERROR',
      error: expect.stringContaining(
        'the server accepted the TCP connection but sent nothing in answer to the TLS ClientHello within 300 ms',
      ),
    });
  });
});

describe('preflight probe-tls judges validity at both ends of every certificate, like a client', () => {
  /** A leaf issued by an intermediate of the test CA; the server sends both. */
  async function serveWithIntermediate(
    intermediateDates: Pick<CertificateSpec, 'notBefore' | 'notAfter'>,
    intermediateKey: TestKey = generateRsaKey(),
  ) {
    const intermediate = createCertificate({
      key: intermediateKey,
      commonName: 'Preflight Test Issuing CA',
      issuer: ca,
      isCa: true,
      ...intermediateDates,
    });
    const cert = createCertificate({
      key: leafKey,
      commonName: HOST,
      altNames: [HOST],
      notBefore: daysFrom(now, -30),
      notAfter: daysFrom(now, 90),
      issuer: intermediate,
    });
    const server = await startTlsServer(cert.keyPem, cert.certPem + intermediate.certPem);
    servers.push(server);
    return `127.0.0.1:${server.port}`;
  }

  it('fails a certificate whose validity has not started, and exits 1', async () => {
    const notBefore = daysFrom(now, 2);
    const target = await serve({ notBefore, notAfter: daysFrom(now, 90) });

    const run = await probeJson(target);

    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({
      status: 'FAIL',
      chainTrusted: true,
      hostnameMatches: true,
      notBefore: new Date(Math.floor(notBefore.getTime() / 1000) * 1000).toISOString(),
    });
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        rule: 'expiry',
        status: 'FAIL',
        message: expect.stringMatching(/^The certificate is not valid until .* \(CERT_NOT_YET_VALID\)/),
      }),
    );
  });

  it('fails an intermediate whose validity has not started', async () => {
    const target = await serveWithIntermediate({ notBefore: daysFrom(now, 5), notAfter: daysFrom(now, 400) });

    const run = await probeJson(target);

    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.status).toBe('FAIL');
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        rule: 'expiry',
        status: 'FAIL',
        message: expect.stringMatching(
          /^Chain certificate "CN=Preflight Test Issuing CA" is not valid until .* \(CERT_NOT_YET_VALID\)/,
        ),
      }),
    );
  });

  it('fails an expired intermediate behind a valid leaf', async () => {
    const target = await serveWithIntermediate({
      notBefore: daysFrom(now, -400),
      notAfter: daysFrom(now, -2),
    });

    const run = await probeJson(target);

    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ status: 'FAIL', daysToExpiry: -2, expired: true });
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        rule: 'expiry',
        status: 'FAIL',
        message: expect.stringMatching(
          /^Chain certificate "CN=Preflight Test Issuing CA" expired 2 days ago/,
        ),
      }),
    );
  });

  it('fails an intermediate with a 1024-bit RSA key behind a 2048-bit leaf', async () => {
    const target = await serveWithIntermediate(
      { notBefore: daysFrom(now, -30), notAfter: daysFrom(now, 400) },
      generateRsaKey(1024),
    );

    const run = await probeJson(target);

    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ status: 'FAIL', chainTrusted: true, keyBits: 2048 });
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        rule: 'key-size',
        status: 'FAIL',
        message:
          'Chain certificate "CN=Preflight Test Issuing CA" has a 1024-bit RSA key, under the 2048-bit minimum.',
      }),
    );
  });

  it('says so in the text report', async () => {
    const target = await serve({ notBefore: daysFrom(now, 2), notAfter: daysFrom(now, 90) });

    const run = await preflight(target, '--servername', HOST, '--ca-file', caFile);

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL /);
    expect(run.stdout).toMatch(/FAIL expiry: The certificate is not valid until .* \(CERT_NOT_YET_VALID\)/);
  });
});

describe('preflight probe-tls says the same day count in numbers and words', () => {
  /** Expired one day and a minute before the probe: whole days toward zero, so -1 and "1 day ago". */
  const justOverADayAgo = () => new Date(Date.now() - 86_400_000 - 60_000);

  it('reports a certificate expired just over a day ago as -1 and "expired 1 day ago" in JSON', async () => {
    const target = await serve({ notBefore: daysFrom(now, -90), notAfter: justOverADayAgo() });

    const run = await probeJson(target);

    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ status: 'FAIL', daysToExpiry: -1, expired: true });
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        rule: 'expiry',
        message: expect.stringMatching(/^The certificate expired 1 day ago /),
        evidence: expect.objectContaining({ daysToExpiry: -1, expired: true }),
      }),
    );
  });

  it('prints the same words on the expires line of the text report', async () => {
    const target = await serve({ notBefore: daysFrom(now, -90), notAfter: justOverADayAgo() });

    const run = await preflight(target, '--servername', HOST, '--ca-file', caFile);

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/\n {2}expires {3}\S+ \(expired 1 day ago\)\n/);
    expect(run.stdout).not.toMatch(/-\d+ days/);
  });

  it('reports a valid certificate as expires in N days, and not expired', async () => {
    const target = await serve({ notAfter: daysFrom(now, 10) });

    const run = await preflight(target, '--servername', HOST, '--ca-file', caFile);

    expect(run.stdout).toMatch(/\n {2}expires {3}\S+ \(expires in 9 days\)\n/);
    expect(JSON.parse((await probeJson(target)).stdout)).toMatchObject({ daysToExpiry: 9, expired: false });
  });
});

describe('preflight probe-tls judges the key of every certificate the server sends', () => {
  const valid = { notBefore: daysFrom(now, -30), notAfter: daysFrom(now, 400) };

  /** Leaf (RSA 2048 unless given) <- intermediate with `intermediateKey` <- the test CA; the server sends both. */
  async function serveChain(intermediateKey: AnyKey | { spki: Buffer }, leaf: AnyKey = anyKeyOf(leafKey)) {
    const intermediate = createAnyKeyCertificate({
      key: intermediateKey,
      commonName: 'Preflight Test Issuing CA',
      issuer: issuerOf(ca),
      isCa: true,
      ...valid,
    });
    const cert = createAnyKeyCertificate({
      key: leaf,
      commonName: HOST,
      altNames: [HOST],
      issuer: intermediate,
      ...valid,
    });
    const server = await startTlsServer(cert.keyPem, cert.certPem + intermediate.certPem);
    servers.push(server);
    return `127.0.0.1:${server.port}`;
  }

  const keySize = (report: { findings: { rule: string }[] }) =>
    report.findings.find((f) => f.rule === 'key-size');

  it.each([
    {
      case: 'a DSA key',
      kind: { type: 'dsa', bits: 1024 },
      reason: /has a 1024-bit DSA key: DSA is not allowed/,
    },
    {
      case: 'a secp256k1 key',
      kind: { type: 'ec', curve: 'secp256k1' },
      reason: /has an EC key on curve secp256k1, not P-256, P-384 or P-521/,
    },
    {
      case: 'a brainpool key',
      kind: { type: 'ec', curve: 'brainpoolP256r1' },
      reason: /has an EC key on curve brainpoolP256r1, not P-256/,
    },
    {
      case: 'a P-192 key',
      kind: { type: 'ec', curve: 'prime192v1' },
      reason: /has an EC key on curve prime192v1 \(P-192\), not P-256/,
    },
    {
      case: 'an Ed25519 key',
      kind: { type: 'ed25519' },
      reason: /has an Ed25519 key: no browser accepts EdDSA certificates/,
    },
  ] as const)('fails an intermediate with $case, naming it and why', async ({ kind, reason }) => {
    const target = await serveChain(generateAnyKey(kind));

    const run = await probeJson(target);

    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ status: 'FAIL', chainTrusted: true, keyType: 'rsa', keyBits: 2048 });
    expect(keySize(report)).toMatchObject({
      status: 'FAIL',
      message: expect.stringMatching(
        new RegExp(`^Chain certificate "CN=Preflight Test Issuing CA" ${reason.source}`),
      ),
    });
  });

  it.each([
    { kind: { type: 'ec', curve: 'secp384r1' }, says: 'EC P-384' },
    { kind: { type: 'ec', curve: 'prime256v1' }, says: 'EC P-256' },
    { kind: { type: 'rsa', bits: 2048 }, says: '2048-bit RSA' },
  ] as const)('passes an intermediate with an $says key', async ({ kind, says }) => {
    const target = await serveChain(generateAnyKey(kind));

    const report = JSON.parse((await probeJson(target)).stdout);

    expect(report).toMatchObject({ status: 'PASS', chainTrusted: true });
    expect(keySize(report)).toMatchObject({
      status: 'PASS',
      evidence: expect.objectContaining({ chain: expect.arrayContaining([expect.stringContaining(says)]) }),
    });
  });

  it('passes an ECDSA P-256 leaf behind an RSA intermediate, with its curve in the report', async () => {
    const target = await serveChain(
      anyKeyOf(generateRsaKey()),
      generateAnyKey({ type: 'ec', curve: 'prime256v1' }),
    );

    const run = await probeJson(target);

    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({
      status: 'PASS',
      keyType: 'ec',
      keyBits: 256,
      keyCurve: 'prime256v1',
      chainTrusted: true,
    });
    expect(keySize(report)).toMatchObject({
      status: 'PASS',
      message: 'The certificate has an EC P-256 key.',
    });
  });

  it('fails an Ed25519 leaf, which no browser accepts, and exits 1', async () => {
    const target = await serveChain(anyKeyOf(generateRsaKey()), generateAnyKey({ type: 'ed25519' }));

    const run = await probeJson(target);

    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({
      status: 'FAIL',
      protocol: 'TLSv1.3',
      keyType: 'ed25519',
      chainTrusted: true,
    });
    expect(keySize(report)).toMatchObject({
      status: 'FAIL',
      message: expect.stringMatching(
        /^The certificate has an Ed25519 key: no browser accepts EdDSA certificates/,
      ),
      remediation: expect.stringContaining('EC P-256'),
    });
  });

  it('passes an EC P-384 leaf', async () => {
    const target = await serveChain(
      anyKeyOf(generateRsaKey()),
      generateAnyKey({ type: 'ec', curve: 'secp384r1' }),
    );

    const report = JSON.parse((await probeJson(target)).stdout);

    expect(report).toMatchObject({ status: 'PASS', keyType: 'ec', keyCurve: 'secp384r1' });
  });

  it('fails a root the server sends whose own RSA key is 1024 bits, naming the root', async () => {
    const weakRoot = createTestCa(generateRsaKey(1024), now, 'Preflight Weak Root CA');
    const cert = createCertificate({
      key: leafKey,
      commonName: HOST,
      altNames: [HOST],
      issuer: weakRoot,
      ...valid,
    });
    const server = await startTlsServer(cert.keyPem, cert.certPem + weakRoot.certPem);
    servers.push(server);
    const weakRootFile = join(mkdtempSync(join(tmpdir(), 'preflight-cli-')), 'weak-root.pem');
    writeFileSync(weakRootFile, weakRoot.certPem);

    const run = await preflight(
      `127.0.0.1:${server.port}`,
      '--servername',
      HOST,
      '--ca-file',
      weakRootFile,
      '--json',
    );

    expect(run.code).toBe(1);
    expect(keySize(JSON.parse(run.stdout))).toMatchObject({
      status: 'FAIL',
      message:
        'Root certificate "CN=Preflight Weak Root CA" has a 1024-bit RSA key, under the 2048-bit minimum.',
    });
  });

  it('fails a chain whose intermediate has a key no library knows: it cannot vouch for the leaf', async () => {
    const target = await serveChain({ spki: unknownAlgorithmSpki() });

    const run = await probeJson(target);

    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    // OpenSSL does not link an issuer whose key it cannot load: the chain stops at the leaf, untrusted.
    expect(report).toMatchObject({ status: 'FAIL', chainTrusted: false, error: null });
    expect(report.findings).toContainEqual(expect.objectContaining({ rule: 'trust', status: 'FAIL' }));
  });
});

describe('preflight probe-tls judges what the certificate may be used for, as clients do', () => {
  const trust = (report: { findings: { rule: string }[] }) => report.findings.find((f) => f.rule === 'trust');

  it('fails a certificate whose extendedKeyUsage allows only client authentication, saying so', async () => {
    const target = await serve({ extKeyUsage: ['clientAuth'] });

    const run = await probeJson(target);

    expect(run.code).toBe(1);
    expect(trust(JSON.parse(run.stdout))).toMatchObject({
      status: 'FAIL',
      message:
        "The certificate's extendedKeyUsage (clientAuth) does not include serverAuth: clients refuse it for a TLS server (INVALID_PURPOSE).",
      remediation: expect.stringContaining('extendedKeyUsage serverAuth'),
    });
  });

  it('still fails a client-only certificate that has also expired: the date does not hide its purpose', async () => {
    const target = await serve({
      extKeyUsage: ['clientAuth'],
      notBefore: daysFrom(now, -100),
      notAfter: daysFrom(now, -3),
    });

    const report = JSON.parse((await probeJson(target)).stdout);

    expect(trust(report)).toMatchObject({ status: 'FAIL', message: expect.stringContaining('serverAuth') });
  });

  it('fails an intermediate whose extendedKeyUsage does not allow TLS servers, naming it', async () => {
    const intermediate = createCertificate({
      key: generateRsaKey(),
      commonName: 'Preflight Mail CA',
      notBefore: daysFrom(now, -30),
      notAfter: daysFrom(now, 900),
      issuer: ca,
      isCa: true,
      caExtKeyUsage: ['emailProtection'],
    });
    const leaf = createCertificate({
      key: leafKey,
      commonName: HOST,
      altNames: [HOST],
      notBefore: daysFrom(now, -30),
      notAfter: daysFrom(now, 90),
      issuer: intermediate,
      extKeyUsage: [],
    });
    const server = await startTlsServer(leaf.keyPem, leaf.certPem + intermediate.certPem);
    servers.push(server);

    const report = JSON.parse((await probeJson(`127.0.0.1:${server.port}`)).stdout);

    expect(trust(report)).toMatchObject({
      status: 'FAIL',
      message: expect.stringMatching(
        /^Chain certificate "CN=Preflight Mail CA" has an extendedKeyUsage \(emailProtection\) without serverAuth/,
      ),
    });
  });

  it('fails a certificate whose keyUsage does not allow digital signatures, which browsers refuse', async () => {
    const target = await serve({ keyUsage: ['keyEncipherment'] });

    const run = await probeJson(target);

    expect(run.code).toBe(1);
    expect(trust(JSON.parse(run.stdout))).toMatchObject({
      status: 'FAIL',
      message: expect.stringMatching(
        /^The certificate's keyUsage \(keyEncipherment\) does not include digitalSignature/,
      ),
      remediation: expect.stringContaining('keyUsage digitalSignature'),
    });
  });

  it.each([
    { case: 'without extendedKeyUsage', spec: { extKeyUsage: [] } },
    {
      case: 'for both server and client authentication',
      spec: { extKeyUsage: ['serverAuth', 'clientAuth'] },
    },
    { case: 'with keyUsage digitalSignature only', spec: { keyUsage: ['digitalSignature'] } },
  ] as const)('passes a certificate $case', async ({ spec }) => {
    const target = await serve(spec);

    const run = await probeJson(target);

    expect(run.code).toBe(0);
    expect(trust(JSON.parse(run.stdout))).toMatchObject({ status: 'PASS' });
  });
});

describe('preflight probe-tls at a server that does not send its intermediate', () => {
  it('says to send the intermediate, naming its issuer', async () => {
    const intermediate = createCertificate({
      key: generateRsaKey(),
      commonName: 'Preflight Issuing CA',
      notBefore: daysFrom(now, -30),
      notAfter: daysFrom(now, 900),
      issuer: ca,
      isCa: true,
    });
    const leaf = createCertificate({
      key: leafKey,
      commonName: HOST,
      altNames: [HOST],
      notBefore: daysFrom(now, -30),
      notAfter: daysFrom(now, 90),
      issuer: intermediate,
    });
    const server = await startTlsServer(leaf.keyPem, leaf.certPem);
    servers.push(server);

    const run = await probeJson(`127.0.0.1:${server.port}`);

    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ status: 'FAIL', chainTrusted: false });
    expect(report.findings.find((f: { rule: string }) => f.rule === 'trust')).toMatchObject({
      status: 'FAIL',
      message: expect.stringContaining(
        'the server sent only its certificate, without the intermediate that issued it ("CN=Preflight Issuing CA")',
      ),
      remediation: expect.stringMatching(/^Send the intermediate: /),
    });
  });
});

describe('preflight probe-tls (text)', () => {
  it('prints readable lines with the verdict first', async () => {
    const target = await serve({ notAfter: daysFrom(now, 10) });

    const run = await preflight(target, '--servername', HOST, '--ca-file', caFile);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^WARN ${target} \\(SNI ${HOST}\\)\\n`));
    expect(run.stdout).toContain('protocol  TLSv1.3');
    expect(run.stdout).toMatch(/WARN expiry: The certificate expires in 9 days/);
  });

  it('names the flag that trusts a private CA when the chain is not trusted', async () => {
    const target = await serve({ notAfter: daysFrom(now, 90) });

    const run = await preflight(target, '--servername', HOST);

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/FAIL trust: /);
    expect(run.stdout).toMatch(
      /fix: .*`preflight probe-tls --ca-file PEM`; for the check, `checks\.tls-endpoints\.caFile`/,
    );
  });
});

describe('preflight probe-tls with a CA file that is not one', () => {
  it.each([
    ['/dev/zero', 'not a regular file'],
    ['huge', 'larger than 1 MiB'],
  ])('reports %s as ERROR at once, without reading it whole (exit 2)', async (file, message) => {
    const path = file === 'huge' ? join(mkdtempSync(join(tmpdir(), 'preflight-ca-')), 'huge.pem') : file;
    if (file === 'huge') writeFileSync(path, Buffer.alloc(2 * 1024 * 1024, 0x41));

    const run = await preflight('127.0.0.1:1', '--ca-file', path, '--json');

    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout).error).toContain(message);
  });
});

describe('preflight probe-tls with bad arguments', () => {
  it.each([
    { args: ['127.0.0.1:99999'], message: 'port "99999" is not a number from 1 to 65535' },
    {
      args: ['127.0.0.1:443', '--warn-days', 'soon'],
      message: '--warn-days: got "soon"; expected a whole number of days from 1 to 3650',
    },
    {
      args: ['127.0.0.1:443', '--warn-days', '9007199254740992'],
      message: 'expected a whole number of days from 1 to 3650',
    },
    {
      args: ['127.0.0.1:443', '--timeout', '36000000'],
      message: 'expected a whole number of milliseconds from 100 to 60000',
    },
    {
      args: ['127.0.0.1:443', '--warn-days', '5', '--fail-days', '9'],
      message: 'must be less than --warn-days',
    },
    { args: [], message: "missing required argument 'target'" },
  ])('rejects $args with a clear message and exit 2', async ({ args, message }) => {
    const run = await preflight(...args);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
  });
});

describe('probe-tls with a name no TLS server could present', () => {
  it.each([
    [
      ['probe-tls', 'localhost:1', '--servername', ''],
      '--servername: got ""; expected a host name such as api.example.com.',
    ],
    [
      ['probe-tls', 'localhost:1', '--servername', 'x\ny'],
      '--servername: got "x\\ny"; expected a host name such as api.example.com.',
    ],
    [
      ['probe-tls', 'localhost:1', '--servername', 'api example.com'],
      '--servername: got "api example.com"; expected a host name such as api.example.com.',
    ],
  ])('%j: refused before any connection, in one line (exit 2)', async (args, message) => {
    const run = await runCli(args);

    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`preflight: ${message}\n`);
    expect(run.code).toBe(2);
  });

  it('refuses a target host with control characters or spaces, escaped (exit 2)', async () => {
    const run = await runCli(['probe-tls', 'evil\u001b[2J.example.com']);

    expect(run.stdout).toBe('');
    expect(run.stderr).not.toContain('\u001b');
    expect(run.stderr).toContain('expected HOST or HOST:PORT');
    expect(run.code).toBe(2);
  });
});

describe('preflight probe-tls judges the name as browsers do', () => {
  it('fails a certificate that names the host only in its common name (no subjectAltName), and exits 1', async () => {
    const target = await serve({ commonName: HOST, altNames: [] });

    const run = await probeJson(target);

    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ status: 'FAIL', hostnameMatches: false, chainTrusted: true });
    const hostname = report.findings.find((f: { rule: string }) => f.rule === 'hostname');
    expect(hostname.message).toContain('no subjectAltName');
    expect(hostname.message).toContain(`common name "${HOST}"`);
  });

  it.each([
    ['a.b.example.com', false],
    ['example.com', false],
    ['a.example.com', true],
  ])('*.example.com presented for %s: hostname matches %s', async (servername, matches) => {
    const target = await serve({ commonName: 'wildcard', altNames: ['*.example.com'] });

    const run = await preflight(target, '--servername', servername, '--ca-file', caFile, '--json');

    expect(JSON.parse(run.stdout)).toMatchObject({ hostnameMatches: matches, chainTrusted: true });
    expect(run.code).toBe(matches ? 0 : 1);
  });
});

describe('preflight probe-tls sends the name as a server that routes by SNI expects it', () => {
  const IDN = 'xn--bcher-kva.preflight.test';

  /** Serves the IDN certificate only to a client that asks for it by SNI (lower case, A-label, no trailing dot), a default one otherwise. */
  async function serveBySni(): Promise<string> {
    const valid = { notBefore: daysFrom(now, -30), notAfter: daysFrom(now, 90) };
    const named = createCertificate({ key: leafKey, commonName: IDN, altNames: [IDN], issuer: ca, ...valid });
    const fallback = createCertificate({
      key: leafKey,
      commonName: 'default.preflight.test',
      altNames: ['default.preflight.test'],
      issuer: ca,
      ...valid,
    });
    const context = createSecureContext({ key: named.keyPem, cert: named.certPem });
    const server = await startTlsServer(fallback.keyPem, fallback.certPem, {
      SNICallback: (name, done) => done(null, name === IDN ? context : undefined),
    });
    servers.push(server);
    return `127.0.0.1:${server.port}`;
  }

  it.each(['bücher.preflight.test', 'XN--BCHER-KVA.PREFLIGHT.TEST', 'xn--bcher-kva.preflight.test.'])(
    '--servername %j reaches the named certificate and matches it',
    async (servername) => {
      const target = await serveBySni();

      const run = await preflight(target, '--servername', servername, '--ca-file', caFile, '--json');

      expect(JSON.parse(run.stdout)).toMatchObject({
        status: 'PASS',
        hostnameMatches: true,
        subject: `CN=${IDN}`,
      });
      expect(run.code).toBe(0);
    },
  );

  it('says plainly that a certificate names no IP address when probed by IP', async () => {
    const target = await serve();

    const run = await preflight(target, '--ca-file', caFile, '--json');

    const hostname = JSON.parse(run.stdout).findings.find((f: { rule: string }) => f.rule === 'hostname');
    expect(hostname).toMatchObject({
      status: 'FAIL',
      message: `The certificate is not valid for 127.0.0.1: it names no IP address (its names: DNS:${HOST}), and clients connecting by IP match only IP address subjectAltNames.`,
    });
  });
});

describe('preflight probe-tls at the far ends of a handshake', () => {
  it('reads a notAfter after 2049 (GeneralizedTime) to the second', async () => {
    const longRoot = createCertificate({
      key: ca.key,
      commonName: 'Preflight Long Root CA',
      notBefore: daysFrom(now, -1),
      notAfter: new Date('2060-01-01T00:00:00Z'),
      isCa: true,
    });
    const cert = createCertificate({
      key: leafKey,
      commonName: HOST,
      altNames: [HOST],
      issuer: longRoot,
      notBefore: daysFrom(now, -1),
      notAfter: new Date('2051-06-01T12:34:56Z'),
    });
    const server = await startTlsServer(cert.keyPem, cert.certPem);
    servers.push(server);
    const rootFile = join(mkdtempSync(join(tmpdir(), 'preflight-cli-')), 'long-root.pem');
    writeFileSync(rootFile, longRoot.certPem);

    const run = await preflight(
      `127.0.0.1:${server.port}`,
      '--servername',
      HOST,
      '--ca-file',
      rootFile,
      '--json',
    );

    expect(JSON.parse(run.stdout)).toMatchObject({
      status: 'PASS',
      notAfter: '2051-06-01T12:34:56.000Z',
      expired: false,
    });
  });

  it('reports ERROR (exit 2) for a server that hangs up right after its ServerHello', async () => {
    const upstream = await serve();
    const [, upstreamPort] = upstream.split(':');
    // Passes the client's bytes on, and the server's first TLS record (the ServerHello) back, then hangs up.
    const cutter = createNetServer((client) => {
      const server = connect(Number(upstreamPort), '127.0.0.1');
      client.pipe(server);
      let received = Buffer.alloc(0);
      server.on('data', (chunk: Buffer) => {
        received = Buffer.concat([received, chunk]);
        const length = received.length >= 5 ? 5 + received.readUInt16BE(3) : Number.POSITIVE_INFINITY;
        if (received.length >= length) {
          client.end(received.subarray(0, length));
          server.destroy();
        }
      });
      client.on('error', () => {});
      server.on('error', () => {});
    });
    await new Promise<void>((resolve) => cutter.listen(0, '127.0.0.1', resolve));
    const { port } = cutter.address() as AddressInfo;

    const run = await probeJson(`127.0.0.1:${port}`);
    cutter.close();

    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({
      status: 'ERROR',
      chainTrusted: null,
      error: expect.stringContaining('the server closed the connection during the TLS handshake'),
    });
  });
});

describe('preflight probe-tls at a TLS 1.2 server that presents its certificate, then stalls', () => {
  /** A proxy that passes the ClientHello on and every byte back, and swallows the client's next flight. */
  async function stallAfterCertificate(spec: Partial<CertificateSpec>): Promise<string> {
    const cert = createCertificate({
      key: leafKey,
      commonName: HOST,
      altNames: [HOST],
      notBefore: daysFrom(now, -30),
      notAfter: daysFrom(now, 90),
      issuer: ca,
      ...spec,
    });
    const upstream = await startTlsServer(cert.keyPem, cert.certPem, { maxVersion: 'TLSv1.2' });
    servers.push(upstream);
    const sockets = new Set<import('node:net').Socket>();
    const staller = createNetServer((client) => {
      const server = connect(upstream.port, '127.0.0.1');
      sockets.add(client).add(server);
      client.once('data', (hello: Buffer) => {
        server.write(hello);
        client.on('data', () => {});
      });
      server.pipe(client);
      client.on('error', () => {});
      server.on('error', () => {});
    });
    await new Promise<void>((resolve) => staller.listen(0, '127.0.0.1', resolve));
    servers.push({
      port: 0,
      close: () => {
        for (const socket of sockets) socket.destroy();
        return new Promise<void>((resolve) => staller.close(() => resolve()));
      },
    });
    return `127.0.0.1:${(staller.address() as AddressInfo).port}`;
  }

  it('judges the certificate it presented and reports the stall as a connection ERROR', async () => {
    const target = await stallAfterCertificate({
      notBefore: daysFrom(now, -100),
      notAfter: daysFrom(now, -3),
    });

    const run = await probeJson(target, '--timeout', '1000');

    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ status: 'FAIL', daysToExpiry: -3, expired: true, hostnameMatches: true });
    const byRule = Object.fromEntries(report.findings.map((f: { rule: string }) => [f.rule, f]));
    expect(byRule.expiry).toMatchObject({ status: 'FAIL' });
    expect(byRule.connection).toMatchObject({
      status: 'ERROR',
      message: expect.stringContaining(
        'presented its certificate, then did not finish the handshake within 1000 ms',
      ),
    });
    expect(run.code).toBe(1);
  });

  it('is an ERROR (exit 2) when the certificate itself is fine', async () => {
    const target = await stallAfterCertificate({});

    const run = await probeJson(target, '--timeout', '1000');

    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ status: 'ERROR', chainTrusted: true, subject: `CN=${HOST}` });
    expect(report.error).toContain('did not finish the handshake');
    expect(run.code).toBe(2);
  });

  it('prints the certificate and the stall in the text report', async () => {
    const target = await stallAfterCertificate({});

    const run = await preflight(target, '--servername', HOST, '--ca-file', caFile, '--timeout', '1000');

    expect(run.stdout).toContain(`  subject   CN=${HOST}`);
    expect(run.stdout).toContain('  ERROR connection: The TLS handshake did not finish (timeout: ');
    expect(run.code).toBe(2);
  });
});

describe('preflight probe-tls at a server that requires a client certificate (mutual TLS)', () => {
  it('judges its certificate and says a client certificate is required, in JSON and in text', async () => {
    const cert = createCertificate({
      key: leafKey,
      commonName: HOST,
      altNames: [HOST],
      notBefore: daysFrom(now, -30),
      notAfter: daysFrom(now, 90),
      issuer: ca,
    });
    const server = await startTlsServer(cert.keyPem, cert.certPem, {
      requestCert: true,
      rejectUnauthorized: true,
      maxVersion: 'TLSv1.2',
    });
    servers.push(server);
    const target = `127.0.0.1:${server.port}`;

    const json = await probeJson(target);
    const text = await preflight(target, '--servername', HOST, '--ca-file', caFile);

    expect(JSON.parse(json.stdout)).toMatchObject({
      status: 'PASS',
      protocol: 'TLSv1.2',
      chainTrusted: true,
      clientCertificate: 'required',
      error: null,
    });
    expect(json.code).toBe(0);
    expect(text.stdout).toContain('  client    certificate required (mutual TLS)\n');
  });
});

describe('preflight probe-tls reads HOST[:PORT] as an SRE writes it', () => {
  it.each([
    ['https://shop.example.com/health', 'is a URL with more than a host and port: give HOST or HOST:PORT'],
    ['http://shop.example.com', 'is a URL of another scheme than https'],
    ['admin@shop.example.com:443', 'user information (user@) is not part of a host'],
    ['shop.example.com/health', 'a path or query is not part of a host'],
    ['*.example.com', 'a wildcard is not a host to connect to'],
    [':443', 'the host is empty'],
    ['[shop.example.com]:443', 'brackets hold an IPv6 address'],
    ['2001:db8::1:443x', 'an IPv6 address with a port is written in brackets'],
    ['300.1.1.1', 'not an IPv4 address'],
    ['[::1]:70000', 'port "70000" is not a number from 1 to 65535'],
  ])('refuses %j before any connection, saying why (exit 2)', async (target, message) => {
    const run = await preflight(target);

    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('expected HOST or HOST:PORT');
    expect(run.stderr).toContain(message);
    expect(run.code).toBe(2);
  });

  it.each([
    ['::1', '::1'],
    ['[::1]', '::1'],
    ['2001:db8::1', '2001:db8::1'],
  ])('probes the IPv6 address %j on port 443', async (target, host) => {
    const run = await preflight(target, '--json', '--timeout', '500');

    expect(JSON.parse(run.stdout)).toMatchObject({ host, port: 443, status: 'ERROR' });
    expect(run.code).toBe(2);
  });

  it.for([
    { written: 'https://127.0.0.1:PORT', listen: '127.0.0.1', host: '127.0.0.1' },
    { written: 'https://127.0.0.1:PORT/', listen: '127.0.0.1', host: '127.0.0.1' },
    { written: '[::1]:PORT', listen: '::1', host: '::1' },
    { written: 'https://[::1]:PORT', listen: '::1', host: '::1' },
  ])(
    'probes $written, the IP address matched against its IP subjectAltName',
    async ({ written, listen, host }, { skip }) => {
      if (listen === '::1' && !(await hasIpv6Loopback())) skip();
      const cert = createCertificate({
        key: leafKey,
        commonName: HOST,
        altNames: [HOST, host],
        notBefore: daysFrom(now, -30),
        notAfter: daysFrom(now, 90),
        issuer: ca,
      });
      const server = await startTlsServer(cert.keyPem, cert.certPem, {}, listen);
      servers.push(server);

      const run = await preflight(
        written.replace('PORT', String(server.port)),
        '--ca-file',
        caFile,
        '--json',
      );

      expect(JSON.parse(run.stdout)).toMatchObject({
        status: 'PASS',
        host,
        port: server.port,
        servername: host,
        hostnameMatches: true,
      });
      expect(run.code).toBe(0);
    },
  );

  it('writes an IPv6 endpoint in brackets in the text report, so its port is not read as part of it', async () => {
    const run = await preflight('2001:db8::1', '--timeout', '500');

    expect(run.stdout).toMatch(/^ERROR \[2001:db8::1\]:443\n/);
  });

  it('refuses a --servername that is a URL or a wildcard (exit 2)', async () => {
    for (const name of ['https://shop.example.com', '*.example.com']) {
      const run = await preflight('localhost:1', '--servername', name);

      expect(run.stderr).toContain('expected a host name such as api.example.com');
      expect(run.code).toBe(2);
    }
  });
});

describe('preflight probe-tls prints what a hostile certificate says without letting it drive the terminal', () => {
  it('escapes control characters of the subject, issuer and names in the text report', async () => {
    const target = await serve({
      commonName: 'x\u001b[2J\u009b31m',
      altNames: ['a\u001b[5mb.preflight.test'],
    });

    const run = await preflight(target, '--servername', HOST, '--ca-file', caFile);

    expect(run.code).toBe(1);
    expect(run.stdout).toContain('hostname  does not match');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
    expect(run.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(run.stdout).toContain('\\u009b');
  });
});
