import { describe, expect, it, vi } from 'vitest';
import { tlsChecks } from '../../../../lambdas/core/checks/tls/definitions';
import type {
  AcmCertificate,
  ProbeResult,
  ProbeTarget,
  TlsPorts,
} from '../../../../lambdas/core/checks/tls/ports';
import type { AccountPorts } from '../../../../lambdas/core/checks/types';
import { ConfigSchema } from '../../../../lambdas/core/config/schema';

const now = new Date('2026-03-01T12:00:00Z');
const at = (days: number) => new Date(now.getTime() + days * 86_400_000);
const defaults = ConfigSchema.parse({}).checks;

function account(tls: Partial<TlsPorts>): AccountPorts {
  const unused = () => Promise.reject(new Error('not expected in this test'));
  return {
    tls: { listCertificates: unused, getRenewal: unused, probeEndpoint: unused, ...tls },
  } as unknown as AccountPorts;
}

function certificate(id: string, fields: Partial<AcmCertificate> = {}): AcmCertificate {
  return {
    arn: `arn:aws:acm:eu-west-1:111122223333:certificate/${id}`,
    domainName: `${id}.example.com`,
    type: 'AMAZON_ISSUED',
    status: 'ISSUED',
    inUse: true,
    keyAlgorithm: 'RSA_2048',
    renewalEligibility: 'ELIGIBLE',
    exported: false,
    notBefore: at(-300),
    notAfter: at(200),
    ...fields,
  };
}

describe('acm-certificates', () => {
  const check = tlsChecks['acm-certificates'];

  it('declares exactly the ACM calls its adapter makes', () => {
    expect(check.permissions).toEqual([
      'acm:ListCertificates',
      'acm:DescribeCertificate',
      'tag:GetResources',
      'cloudformation:ListStackResources',
      'sts:GetCallerIdentity',
    ]);
  });

  it('looks up renewal only where it can exist, and a failed lookup spoils only that finding', async () => {
    const getRenewal = vi.fn(async (arn: string) => {
      if (arn.endsWith('/broken')) throw new Error('socket hang up');
      return { status: 'FAILED', reason: 'CAA_ERROR', updatedAt: at(-1) };
    });
    const ports = account({
      listCertificates: async () => [
        certificate('healthy'),
        certificate('failing', { notAfter: at(20) }),
        certificate('broken', { notAfter: at(40) }),
        certificate('imported', { type: 'IMPORTED', notAfter: at(5) }),
      ],
      getRenewal,
    });

    const findings = await check.run(ports, defaults['acm-certificates'], now);

    expect(getRenewal.mock.calls.map(([arn]) => arn.split('/')[1]).sort()).toEqual(['broken', 'failing']);
    const byCert = (id: string) =>
      findings.filter((f) => f.resource.endsWith(`/${id}`)).map((f) => `${f.rule}:${f.status}`);
    expect(byCert('healthy')).toEqual(['status:PASS', 'expiry:PASS', 'key-size:PASS']);
    expect(byCert('failing')).toEqual(['status:PASS', 'expiry:WARN', 'key-size:PASS', 'renewal:FAIL']);
    expect(byCert('broken')).toEqual(['status:PASS', 'expiry:PASS', 'key-size:PASS', 'renewal:ERROR']);
    expect(byCert('imported')).toEqual(['status:PASS', 'expiry:FAIL', 'key-size:PASS']);
  });

  it('returns nothing when the account has no certificate (the runner records SKIPPED)', async () => {
    await expect(
      check.run(account({ listCertificates: async () => [] }), defaults['acm-certificates'], now),
    ).resolves.toEqual([]);
  });

  it('throws when the certificates cannot be listed, so the runner reports an ERROR', async () => {
    const ports = account({ listCertificates: () => Promise.reject(new Error('AccessDenied')) });

    await expect(check.run(ports, defaults['acm-certificates'], now)).rejects.toThrow('AccessDenied');
  });
});

describe('tls-endpoints', () => {
  const check = tlsChecks['tls-endpoints'];
  const settings = ConfigSchema.parse({
    checks: {
      'tls-endpoints': {
        endpoints: [
          { host: 'api.example.com' },
          { host: '10.0.0.5', port: 8443, servername: 'internal.example.com' },
          { host: 'down.example.com' },
        ],
        caFile: '/etc/preflight/private-ca.pem',
        timeoutMs: 2000,
      },
    },
  }).checks['tls-endpoints'];

  it('needs no AWS permission', () => {
    expect(check.permissions).toEqual([]);
  });

  it('probes every endpoint with its SNI name and settings, and a probe that throws is an ERROR for that endpoint only', async () => {
    const targets: ProbeTarget[] = [];
    const probeEndpoint = async (target: ProbeTarget): Promise<ProbeResult> => {
      targets.push(target);
      if (target.host === 'down.example.com') throw new Error('probe crashed');
      return {
        outcome: 'connected',
        protocol: 'TLSv1.3',
        chainTrusted: true,
        trustError: null,
        hostnameMatches: true,
        hostnameError: null,
        legacy: { outcome: 'refused', code: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' },
        chain: [
          {
            subject: `CN=${target.servername}`,
            issuer: 'CN=CA',
            notBefore: at(-10),
            notAfter: at(80),
            keyType: 'ec',
            keyBits: 256,
            keyCurve: 'prime256v1',
            signatureAlgorithm: 'ecdsaWithSHA256',
            selfSigned: false,
          },
        ],
      };
    };

    const findings = await check.run(account({ probeEndpoint }), settings, now);

    expect(targets).toEqual(
      expect.arrayContaining([
        {
          host: 'api.example.com',
          port: 443,
          servername: 'api.example.com',
          timeoutMs: 2000,
          caFile: '/etc/preflight/private-ca.pem',
        },
        {
          host: '10.0.0.5',
          port: 8443,
          servername: 'internal.example.com',
          timeoutMs: 2000,
          caFile: '/etc/preflight/private-ca.pem',
        },
      ]),
    );
    expect(
      findings.filter((f) => f.resource === 'api.example.com:443').every((f) => f.status === 'PASS'),
    ).toBe(true);
    expect(findings.filter((f) => f.resource === 'internal.example.com@10.0.0.5:8443')).toHaveLength(6);
    expect(findings.filter((f) => f.resource === 'down.example.com:443')).toEqual([
      expect.objectContaining({
        rule: 'connection',
        status: 'ERROR',
        message: expect.stringContaining('probe crashed'),
      }),
    ]);
  });

  it('returns nothing when no endpoint is configured', async () => {
    await expect(check.run(account({}), defaults['tls-endpoints'], now)).resolves.toEqual([]);
  });
});
