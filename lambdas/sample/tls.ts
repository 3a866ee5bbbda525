import type {
  AcmCertificate,
  AcmRenewal,
  PresentedCertificate,
  ProbeConnected,
  ProbeResult,
  TlsPorts,
} from '../core/checks/tls/ports';

const REGION = 'eu-west-1';
const ACCOUNT = '111122223333';
const DAY = 86_400_000;

/*
 * The story the sample tells.
 * ACM (acm-certificates):
 * - api.example.com: Amazon-issued, in use, expires in 60 days, renewal under way: healthy.
 * - www.example.com: Amazon-issued EC cert, expires in 24 days because renewal FAILED (CAA_ERROR).
 * - legacy.example.com: imported, in use, expires in 5 days: FAIL (imported certs never renew).
 * - admin.example.com: imported, in use, expires in 20 days: WARN.
 * - vpn.example.com: imported RSA_1024 key: FAIL.
 * - old-shop.example.com: EXPIRED 40 days ago, not in use: WARN (clean it up).
 * Endpoints (tls-endpoints), canned handshakes keyed by host:
 * - api.example.com: healthy TLSv1.3 chain to Amazon Root CA 1.
 * - status.example.com: a hosted status page serving its provider's certificate: hostname FAIL.
 * - legacy.example.com: TLSv1.1 and a certificate expiring in 5 days: FAIL.
 * - any other host: connection refused: ERROR.
 */

const certificateArn = (id: string) => `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/${id}`;

function certificates(now: number): AcmCertificate[] {
  const cert = (
    id: string,
    domainName: string,
    notAfterDays: number,
    fields: Partial<AcmCertificate> = {},
  ): AcmCertificate => ({
    arn: certificateArn(id),
    domainName,
    type: 'AMAZON_ISSUED',
    status: 'ISSUED',
    inUse: true,
    keyAlgorithm: 'RSA_2048',
    renewalEligibility: 'ELIGIBLE',
    exported: false,
    notBefore: new Date(now + (notAfterDays - 395) * DAY),
    notAfter: new Date(now + notAfterDays * DAY),
    ...fields,
  });
  const imported = { type: 'IMPORTED', renewalEligibility: 'INELIGIBLE' } as const;
  return [
    cert('3f1c2a9e-7b4d-4e0a-9c51-0d2f6b8a1e11', 'api.example.com', 60),
    cert('8a4e6b1f-2c3d-4f5a-8b6c-7d8e9f0a1b22', 'www.example.com', 24, { keyAlgorithm: 'EC_prime256v1' }),
    cert('c5d6e7f8-0a1b-4c2d-9e3f-4a5b6c7d8e33', 'legacy.example.com', 5, imported),
    cert('1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d44', 'admin.example.com', 20, imported),
    cert('9e8d7c6b-5a4f-4e3d-2c1b-0a9f8e7d6c55', 'vpn.example.com', 200, {
      ...imported,
      keyAlgorithm: 'RSA_1024',
    }),
    cert('6f5e4d3c-2b1a-4f0e-9d8c-7b6a5f4e3d66', 'old-shop.example.com', -40, {
      status: 'EXPIRED',
      inUse: false,
    }),
  ];
}

function renewals(now: number): ReadonlyMap<string, AcmRenewal> {
  return new Map([
    [
      certificateArn('3f1c2a9e-7b4d-4e0a-9c51-0d2f6b8a1e11'),
      { status: 'PENDING_AUTO_RENEWAL', reason: null, updatedAt: new Date(now - 2 * DAY) },
    ],
    [
      certificateArn('8a4e6b1f-2c3d-4f5a-8b6c-7d8e9f0a1b22'),
      { status: 'FAILED', reason: 'CAA_ERROR', updatedAt: new Date(now - 12 * DAY) },
    ],
  ]);
}

const AMAZON_ROOT = 'C=US, O=Amazon, CN=Amazon Root CA 1';
const AMAZON_INTERMEDIATE = 'C=US, O=Amazon, CN=Amazon RSA 2048 M02';
const DIGICERT_ROOT = 'C=US, O=DigiCert Inc, OU=www.digicert.com, CN=DigiCert Global Root G2';
const DIGICERT_INTERMEDIATE = 'C=US, O=DigiCert Inc, CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1';

function presented(
  subject: string,
  issuer: string,
  now: number,
  notAfterDays: number,
  fields: Partial<PresentedCertificate> = {},
): PresentedCertificate {
  return {
    subject,
    issuer,
    // Issued in the past like real certificates: a CA certificate lives for years, not 395 days.
    notBefore: new Date(now + Math.min(notAfterDays - 395, -30) * DAY),
    notAfter: new Date(now + notAfterDays * DAY),
    keyType: 'rsa',
    keyBits: 2048,
    keyCurve: null,
    signatureAlgorithm: 'sha256WithRSAEncryption',
    selfSigned: false,
    ...fields,
  };
}

function handshakes(now: number): ReadonlyMap<string, ProbeConnected> {
  const amazonChain = [
    presented(AMAZON_INTERMEDIATE, AMAZON_ROOT, now, 1800),
    presented(AMAZON_ROOT, AMAZON_ROOT, now, 3500, { selfSigned: true }),
  ];
  const digicertChain = [
    presented(DIGICERT_INTERMEDIATE, DIGICERT_ROOT, now, 1500),
    presented(DIGICERT_ROOT, DIGICERT_ROOT, now, 4200, { selfSigned: true }),
  ];
  const trusted = { outcome: 'connected', chainTrusted: true, trustError: null } as const;
  return new Map([
    [
      'api.example.com',
      {
        ...trusted,
        protocol: 'TLSv1.3',
        hostnameMatches: true,
        hostnameError: null,
        legacy: { outcome: 'refused', code: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' },
        chain: [presented('CN=api.example.com', AMAZON_INTERMEDIATE, now, 60), ...amazonChain],
      },
    ],
    [
      'status.example.com',
      {
        ...trusted,
        protocol: 'TLSv1.3',
        legacy: { outcome: 'refused', code: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' },
        hostnameMatches: false,
        hostnameError:
          "Hostname/IP does not match certificate's altnames: Host: status.example.com. is not in the cert's altnames: DNS:*.statuspage.io, DNS:statuspage.io",
        chain: [presented('CN=*.statuspage.io', AMAZON_INTERMEDIATE, now, 210), ...amazonChain],
      },
    ],
    [
      'legacy.example.com',
      {
        ...trusted,
        protocol: 'TLSv1.1',
        legacy: { outcome: 'accepted', protocol: 'TLSv1.1' },
        hostnameMatches: true,
        hostnameError: null,
        chain: [presented('CN=legacy.example.com', DIGICERT_INTERMEDIATE, now, 5), ...digicertChain],
      },
    ],
  ]);
}

/** The sample account's tls resources, dated relative to `now`. */
export function sampleTlsPorts(now: Date): TlsPorts {
  const at = now.getTime();
  return {
    listCertificates: async () => certificates(at),
    getRenewal: async (arn) => renewals(at).get(arn) ?? { status: null, reason: null, updatedAt: null },
    probeEndpoint: async (target): Promise<ProbeResult> =>
      handshakes(at).get(target.host) ?? {
        outcome: 'failed',
        reason: 'refused',
        code: 'ECONNREFUSED',
        message: `connect ECONNREFUSED ${target.host}:${target.port}`,
      },
  };
}
