import { describe, expect, it } from 'vitest';
import type { PresentedCertificate } from '../../../../lambdas/core/checks/tls/ports';
import { buildProbeReport } from '../../../../lambdas/core/checks/tls/probe-report';

const now = new Date('2026-03-01T12:00:00Z');
const at = (days: number) => new Date(now.getTime() + days * 86_400_000);
const settings = { warnDays: 30, failDays: 7, minRsaBits: 2048 };
const target = { host: '127.0.0.1', port: 8443, servername: 'api.example.com' };

const leaf: PresentedCertificate = {
  subject: 'CN=api.example.com',
  issuer: 'CN=Issuing CA',
  notBefore: at(-30),
  notAfter: at(12),
  keyType: 'rsa',
  keyBits: 2048,
  keyCurve: null,
  signatureAlgorithm: 'sha256WithRSAEncryption',
  selfSigned: false,
};

describe('buildProbeReport', () => {
  it('flattens a handshake into the fields pipelines read, with the worst status', () => {
    const report = buildProbeReport(
      target,
      {
        outcome: 'connected',
        protocol: 'TLSv1.3',
        chainTrusted: true,
        trustError: null,
        hostnameMatches: true,
        hostnameError: null,
        legacy: { outcome: 'refused', code: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' },
        chain: [leaf],
      },
      settings,
      now,
    );

    expect(report).toMatchObject({
      host: '127.0.0.1',
      port: 8443,
      servername: 'api.example.com',
      status: 'WARN',
      protocol: 'TLSv1.3',
      notBefore: at(-30).toISOString(),
      notAfter: at(12).toISOString(),
      daysToExpiry: 12,
      hostnameMatches: true,
      chainTrusted: true,
      keyType: 'rsa',
      keyBits: 2048,
      signatureAlgorithm: 'sha256WithRSAEncryption',
      error: null,
    });
    expect(report.findings).toHaveLength(6);
  });

  it('makes every unknown field null and gives the error when there was no handshake', () => {
    const report = buildProbeReport(
      target,
      { outcome: 'failed', reason: 'refused', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' },
      settings,
      now,
    );

    expect(report).toMatchObject({
      status: 'ERROR',
      protocol: null,
      notBefore: null,
      notAfter: null,
      daysToExpiry: null,
      hostnameMatches: null,
      chainTrusted: null,
      keyBits: null,
      signatureAlgorithm: null,
      error: expect.stringContaining('ECONNREFUSED'),
    });
  });
});
