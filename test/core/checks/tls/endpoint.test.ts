import { describe, expect, it } from 'vitest';
import { endpointResource, evaluateEndpoint } from '../../../../lambdas/core/checks/tls/endpoint';
import { isWeakSignature } from '../../../../lambdas/core/checks/tls/endpoint-rules';
import type {
  PresentedCertificate,
  ProbeConnected,
  ProbeResult,
} from '../../../../lambdas/core/checks/tls/ports';

const now = new Date('2026-03-01T12:00:00Z');
const at = (days: number) => new Date(now.getTime() + days * 86_400_000);
const settings = { warnDays: 30, failDays: 7, minRsaBits: 2048 };
const target = { host: 'api.example.com', port: 443, servername: 'api.example.com' };

function cert(fields: Partial<PresentedCertificate> = {}): PresentedCertificate {
  return {
    subject: 'CN=api.example.com',
    issuer: 'CN=Issuing CA',
    notBefore: at(-30),
    notAfter: at(90),
    keyType: 'rsa',
    keyBits: 2048,
    keyCurve: null,
    signatureAlgorithm: 'sha256WithRSAEncryption',
    selfSigned: false,
    ...fields,
  };
}

const intermediate = cert({ subject: 'CN=Issuing CA', issuer: 'CN=Root CA', notAfter: at(900) });
const root = cert({ subject: 'CN=Root CA', issuer: 'CN=Root CA', notAfter: at(3000), selfSigned: true });

function probe(fields: Partial<ProbeConnected> = {}): ProbeConnected {
  return {
    outcome: 'connected',
    protocol: 'TLSv1.3',
    chainTrusted: true,
    trustError: null,
    hostnameMatches: true,
    hostnameError: null,
    legacy: { outcome: 'refused', code: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' },
    chain: [cert(), intermediate, root],
    ...fields,
  };
}

function statuses(result: ProbeResult): Record<string, string> {
  return Object.fromEntries(evaluateEndpoint(target, result, settings, now).map((f) => [f.rule, f.status]));
}

describe('evaluateEndpoint', () => {
  it('passes every rule for a healthy endpoint', () => {
    expect(statuses(probe())).toEqual({
      expiry: 'PASS',
      trust: 'PASS',
      hostname: 'PASS',
      protocol: 'PASS',
      'key-size': 'PASS',
      signature: 'PASS',
    });
  });

  it.each([
    {
      case: 'leaf expiring in 10 days',
      fields: { chain: [cert({ notAfter: at(10) }), intermediate, root] },
      rule: 'expiry',
      expected: 'WARN',
    },
    {
      case: 'leaf expired',
      fields: { chain: [cert({ notAfter: at(-2) }), intermediate, root] },
      rule: 'expiry',
      expected: 'FAIL',
    },
    {
      case: 'intermediate expiring first',
      fields: { chain: [cert(), cert({ ...intermediate, notAfter: at(3) }), root] },
      rule: 'expiry',
      expected: 'FAIL',
    },
    {
      case: 'leaf valid from tomorrow',
      fields: { chain: [cert({ notBefore: at(1) }), intermediate, root] },
      rule: 'expiry',
      expected: 'FAIL',
    },
    {
      case: 'leaf valid from one second after now',
      fields: { chain: [cert({ notBefore: new Date(now.getTime() + 1000) }), intermediate, root] },
      rule: 'expiry',
      expected: 'FAIL',
    },
    {
      case: 'leaf valid from exactly now',
      fields: { chain: [cert({ notBefore: now }), intermediate, root] },
      rule: 'expiry',
      expected: 'PASS',
    },
    {
      case: 'intermediate valid from next week',
      fields: { chain: [cert(), cert({ ...intermediate, notBefore: at(7) }), root] },
      rule: 'expiry',
      expected: 'FAIL',
    },
    {
      case: 'root valid from next year',
      fields: { chain: [cert(), intermediate, cert({ ...root, notBefore: at(365) })] },
      rule: 'expiry',
      expected: 'FAIL',
    },
    {
      case: 'untrusted chain',
      fields: { chainTrusted: false, trustError: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
      rule: 'trust',
      expected: 'FAIL',
    },
    {
      case: 'hostname mismatch',
      fields: { hostnameMatches: false, hostnameError: 'not in altnames' },
      rule: 'hostname',
      expected: 'FAIL',
    },
    { case: 'TLSv1.2', fields: { protocol: 'TLSv1.2' }, rule: 'protocol', expected: 'PASS' },
    { case: 'TLSv1.1', fields: { protocol: 'TLSv1.1' }, rule: 'protocol', expected: 'FAIL' },
    { case: 'TLSv1', fields: { protocol: 'TLSv1' }, rule: 'protocol', expected: 'FAIL' },
    { case: 'unknown protocol', fields: { protocol: null }, rule: 'protocol', expected: 'ERROR' },
    {
      case: 'TLSv1.3, but TLSv1 still accepted',
      fields: { legacy: { outcome: 'accepted', protocol: 'TLSv1' } },
      rule: 'protocol',
      expected: 'FAIL',
    },
    {
      case: 'TLSv1.3, legacy protocols unknown (no answer in time)',
      fields: { legacy: { outcome: 'unknown', code: 'ETIMEDOUT', message: 'no answer' } },
      rule: 'protocol',
      expected: 'ERROR',
    },
    {
      case: 'RSA 1024 leaf',
      fields: { chain: [cert({ keyBits: 1024 }), intermediate, root] },
      rule: 'key-size',
      expected: 'FAIL',
    },
    {
      case: 'EC leaf',
      fields: { chain: [cert({ keyType: 'ec', keyBits: 256, keyCurve: 'prime256v1' }), intermediate, root] },
      rule: 'key-size',
      expected: 'PASS',
    },
    {
      case: 'DSA leaf',
      fields: { chain: [cert({ keyType: 'dsa', keyBits: 2048 }), intermediate, root] },
      rule: 'key-size',
      expected: 'FAIL',
    },
    ...['secp256k1', 'prime192v1', 'brainpoolP384r1', 'secp224r1'].map((curve) => ({
      case: `EC leaf on ${curve}`,
      fields: { chain: [cert({ keyType: 'ec', keyBits: 256, keyCurve: curve }), intermediate, root] },
      rule: 'key-size',
      expected: 'FAIL',
    })),
    {
      case: 'EC leaf on an unnamed curve',
      fields: { chain: [cert({ keyType: 'ec', keyBits: null, keyCurve: null }), intermediate, root] },
      rule: 'key-size',
      expected: 'WARN',
    },
    {
      case: 'Ed448 leaf (no browser accepts EdDSA certificates)',
      fields: { chain: [cert({ keyType: 'ed448', keyBits: 456 }), intermediate, root] },
      rule: 'key-size',
      expected: 'FAIL',
    },
    {
      case: 'X25519 intermediate (a key this check does not judge)',
      fields: { chain: [cert(), cert({ ...intermediate, keyType: 'x25519', keyBits: null }), root] },
      rule: 'key-size',
      expected: 'WARN',
    },
    {
      case: 'intermediate with a key of an algorithm node cannot load (named by its OID)',
      fields: {
        chain: [cert(), cert({ ...intermediate, keyType: '1.3.6.1.4.1.55555.1.1', keyBits: null }), root],
      },
      rule: 'key-size',
      expected: 'WARN',
    },
    {
      case: 'root with a 1024-bit RSA key',
      fields: { chain: [cert(), intermediate, cert({ ...root, keyBits: 1024 })] },
      rule: 'key-size',
      expected: 'FAIL',
    },
    {
      case: 'unreadable key',
      fields: { chain: [cert({ keyType: null, keyBits: null })] },
      rule: 'key-size',
      expected: 'ERROR',
    },
    {
      case: 'SHA-1 leaf',
      fields: { chain: [cert({ signatureAlgorithm: 'sha1WithRSAEncryption' }), intermediate, root] },
      rule: 'signature',
      expected: 'FAIL',
    },
    {
      case: 'SHA-1 intermediate',
      fields: { chain: [cert(), cert({ ...intermediate, signatureAlgorithm: 'ecdsaWithSHA1' }), root] },
      rule: 'signature',
      expected: 'FAIL',
    },
    {
      case: 'SHA-1 self-signed root only',
      fields: {
        chain: [cert(), intermediate, cert({ ...root, signatureAlgorithm: 'sha1WithRSAEncryption' })],
      },
      rule: 'signature',
      expected: 'PASS',
    },
    {
      case: 'SHA-1 self-signed leaf',
      fields: { chain: [cert({ selfSigned: true, signatureAlgorithm: 'sha1WithRSAEncryption' })] },
      rule: 'signature',
      expected: 'FAIL',
    },
  ] as const)('$case: $rule is $expected', ({ fields, rule, expected }) => {
    expect(statuses(probe(fields as Partial<ProbeConnected>))[rule]).toBe(expected);
  });

  it('names every certificate whose key is not accepted, and why, in one key-size finding', () => {
    const findings = evaluateEndpoint(
      target,
      probe({
        chain: [
          cert({ keyType: 'dsa', keyBits: 2048 }),
          cert({ ...intermediate, keyType: '1.3.6.1.4.1.55555.1.1', keyBits: null }),
          cert({ ...root, keyType: 'ec', keyBits: 256, keyCurve: 'secp256k1' }),
        ],
      }),
      settings,
      now,
    );

    const finding = findings.find((f) => f.rule === 'key-size');
    expect(finding?.status).toBe('FAIL');
    expect(finding?.message).toMatch(/^The certificate has a 2048-bit DSA key: DSA is not allowed/);
    expect(finding?.message).toContain(
      'Chain certificate "CN=Issuing CA" has a key of algorithm 1.3.6.1.4.1.55555.1.1, which this check cannot judge',
    );
    expect(finding?.message).toContain(
      'Root certificate "CN=Root CA" has an EC key on curve secp256k1, not P-256',
    );
    expect(finding?.remediation).toMatch(/^Reissue the certificate .* Serve your CA's current chain/);
    expect(finding?.evidence).toMatchObject({
      keyType: 'dsa',
      chain: [
        expect.stringMatching(/^FAIL /),
        expect.stringMatching(/^WARN /),
        expect.stringMatching(/^FAIL /),
      ],
    });
  });

  it('names the certificate not valid yet, leaf first, with its dates as evidence', () => {
    const findings = evaluateEndpoint(
      target,
      probe({
        chain: [cert(), cert({ ...intermediate, notBefore: at(7) }), cert({ ...root, notBefore: at(9) })],
      }),
      settings,
      now,
    );

    expect(findings.find((f) => f.rule === 'expiry')).toMatchObject({
      status: 'FAIL',
      message: `Chain certificate "CN=Issuing CA" is not valid until ${at(7).toISOString()} (CERT_NOT_YET_VALID): clients refuse it until then.`,
      remediation: expect.stringContaining('intermediate'),
      evidence: { subject: 'CN=Issuing CA', notBefore: at(7).toISOString(), code: 'CERT_NOT_YET_VALID' },
    });
  });

  it('gives the dates and thresholds of the earliest-expiring certificate as evidence', () => {
    const findings = evaluateEndpoint(
      target,
      probe({ chain: [cert({ notAfter: at(10) }), intermediate, root] }),
      settings,
      now,
    );

    expect(findings.find((f) => f.rule === 'expiry')).toMatchObject({
      status: 'WARN',
      remediation: expect.any(String),
      evidence: {
        subject: 'CN=api.example.com',
        notAfter: at(10).toISOString(),
        daysToExpiry: 10,
        warnDays: 30,
        failDays: 7,
      },
    });
  });

  it('gives a remediation on every finding that is not a PASS', () => {
    const findings = evaluateEndpoint(
      target,
      probe({
        protocol: 'TLSv1',
        chainTrusted: false,
        trustError: 'X',
        hostnameMatches: false,
        chain: [cert({ keyBits: 1024, notAfter: at(1), signatureAlgorithm: 'sha1WithRSAEncryption' })],
      }),
      settings,
      now,
    );

    expect(findings.filter((f) => f.status !== 'PASS').map((f) => f.rule)).toHaveLength(6);
    expect(findings.every((f) => f.status === 'PASS' || typeof f.remediation === 'string')).toBe(true);
  });

  it.each([
    ['refused', 'ECONNREFUSED'],
    ['timeout', 'ETIMEDOUT'],
    ['handshake', 'ERR_SSL_WRONG_VERSION_NUMBER'],
  ] as const)('is one ERROR, never a pass, when the connection failed (%s)', (reason, code) => {
    const findings = evaluateEndpoint(
      target,
      { outcome: 'failed', reason, code, message: 'boom' },
      settings,
      now,
    );

    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'connection',
        status: 'ERROR',
        evidence: { reason, code },
        remediation: expect.any(String),
      }),
    ]);
  });

  it('is an ERROR when the server presented no certificate', () => {
    expect(statuses(probe({ chain: [] }))).toEqual({ connection: 'ERROR' });
  });
});

describe('evaluateEndpoint for a server that asks for a client certificate', () => {
  it.each([
    {
      request: {
        outcome: 'required',
        code: 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED',
        message: 'tlsv13 alert certificate required',
      },
      says: /^The endpoint requires a client certificate \(mutual TLS\).*\(tlsv13 alert certificate required\)\.$/,
    },
    {
      request: { outcome: 'optional' },
      says: /^The endpoint asks for a client certificate \(mutual TLS\) but went on without one/,
    },
    {
      request: { outcome: 'unknown', message: 'no verdict' },
      says: /whether it requires one is unknown \(no verdict\)\.$/,
    },
  ] as const)(
    'adds a PASS client-certificate finding when it is $request.outcome, beside the other rules',
    ({ request, says }) => {
      const findings = evaluateEndpoint(target, probe({ clientCertificate: request }), settings, now);

      expect(findings.map((f) => f.rule)).toEqual([
        'expiry',
        'trust',
        'hostname',
        'protocol',
        'key-size',
        'signature',
        'client-certificate',
      ]);
      expect(findings.at(-1)).toMatchObject({
        status: 'PASS',
        message: expect.stringMatching(says),
        evidence: expect.objectContaining({ clientCertificate: request.outcome }),
      });
    },
  );

  it('adds no client-certificate finding for a server that does not ask', () => {
    expect(evaluateEndpoint(target, probe(), settings, now).map((f) => f.rule)).not.toContain(
      'client-certificate',
    );
  });
});

describe('endpointResource', () => {
  it.each([
    [{ host: 'api.example.com', port: 443, servername: 'api.example.com' }, 'api.example.com:443'],
    [
      { host: '10.0.0.5', port: 8443, servername: 'internal.example.com' },
      'internal.example.com@10.0.0.5:8443',
    ],
    [{ host: '::1', port: 443, servername: '::1' }, '[::1]:443'],
  ])('names %j %s', (t, expected) => {
    expect(endpointResource(t)).toBe(expected);
  });
});

describe('isWeakSignature', () => {
  it.each([
    ['sha1WithRSAEncryption', true],
    ['ecdsaWithSHA1', true],
    ['md5WithRSAEncryption', true],
    ['1.2.840.113549.1.1.5', true],
    ['sha256WithRSAEncryption', false],
    ['ecdsaWithSHA384', false],
    ['ed25519', false],
  ])('%s: %s', (algorithm, weak) => {
    expect(isWeakSignature(algorithm)).toBe(weak);
  });
});
