import type { Finding } from '../../findings';
import { type ExpiryThresholds, judgeExpiry } from './expiry';
import { endpointFinding } from './finding';
import type { PresentedCertificate, ProbeConnected } from './ports';

/** The tls-endpoints settings the pure rules need. */
export interface EndpointRuleSettings extends ExpiryThresholds {
  readonly minRsaBits: number;
}

/** Protocols a client may still be offered; anything older is broken or deprecated (RFC 8996). */
const GOOD_PROTOCOLS = new Set(['TLSv1.2', 'TLSv1.3']);
const WEAK_DIGEST = /sha1|md5|md2/i;
/** OIDs of SHA-1/MD5 signatures, for when the adapter could only give the OID. */
const WEAK_OIDS = new Set([
  '1.2.840.113549.1.1.5',
  '1.2.840.10045.4.1',
  '1.2.840.10040.4.3',
  '1.2.840.113549.1.1.4',
]);

/** The certificate of the chain that expires first: the one that breaks the endpoint first. */
export function earliestExpiring(chain: readonly PresentedCertificate[]): PresentedCertificate | undefined {
  let earliest: PresentedCertificate | undefined;
  for (const cert of chain) {
    if (earliest === undefined || cert.notAfter.getTime() < earliest.notAfter.getTime()) earliest = cert;
  }
  return earliest;
}

/** Whether a signature algorithm uses a broken digest (SHA-1, MD5). */
export function isWeakSignature(algorithm: string): boolean {
  return WEAK_DIGEST.test(algorithm) || WEAK_OIDS.has(algorithm);
}

/** The certificate of the chain whose validity starts last: the chain is valid from then on. */
export function latestStarting(chain: readonly PresentedCertificate[]): PresentedCertificate | undefined {
  let latest: PresentedCertificate | undefined;
  for (const cert of chain) {
    if (latest === undefined || cert.notBefore.getTime() > latest.notBefore.getTime()) latest = cert;
  }
  return latest;
}

/** The first certificate (leaf first) whose validity has not started at `now`: a client refuses it. */
function notYetValid(chain: readonly PresentedCertificate[], now: Date): PresentedCertificate | undefined {
  return chain.find((cert) => cert.notBefore.getTime() > now.getTime());
}

/**
 * The validity period of every certificate presented, judged at `now` as a client judges it: one not
 * valid yet fails (OpenSSL's CERT_NOT_YET_VALID), otherwise the earliest-expiring one is judged
 * against the thresholds. The rule keeps its name, `expiry`, so that reports and the scheduled
 * audit's memory recognise it across versions.
 */
export function evaluateChainExpiry(
  resource: string,
  probe: ProbeConnected,
  thresholds: ExpiryThresholds,
  now: Date,
): Finding[] {
  const early = notYetValid(probe.chain, now);
  if (early !== undefined) {
    const which = early === probe.chain[0] ? 'The certificate' : `Chain certificate "${early.subject}"`;
    return [
      endpointFinding('expiry', resource, {
        status: 'FAIL',
        message: `${which} is not valid until ${early.notBefore.toISOString()} (CERT_NOT_YET_VALID): clients refuse it until then.`,
        remediation:
          early === probe.chain[0]
            ? 'Serve the certificate currently in force (check the issuing date and the clock of whoever issued it), or wait until it is valid before switching.'
            : 'Serve an intermediate chain that is already valid (the previous intermediate from your CA).',
        evidence: {
          subject: early.subject,
          notBefore: early.notBefore.toISOString(),
          notAfter: early.notAfter.toISOString(),
          code: 'CERT_NOT_YET_VALID',
        },
      }),
    ];
  }
  const cert = earliestExpiring(probe.chain);
  if (cert === undefined) return [];
  const verdict = judgeExpiry(cert.notAfter, now, thresholds);
  const which = cert === probe.chain[0] ? 'The certificate' : `Chain certificate "${cert.subject}"`;
  return [
    endpointFinding('expiry', resource, {
      status: verdict.status,
      message: `${which} ${verdict.summary} (${cert.notAfter.toISOString()}).`,
      ...(verdict.status === 'PASS'
        ? {}
        : {
            remediation:
              cert === probe.chain[0]
                ? 'Renew the certificate and deploy it to this endpoint (imported ACM certificates must be re-imported).'
                : 'Serve a current intermediate chain from your CA with the certificate.',
          }),
      evidence: {
        subject: cert.subject,
        notAfter: cert.notAfter.toISOString(),
        daysToExpiry: verdict.daysToExpiry,
        warnDays: thresholds.warnDays,
        failDays: thresholds.failDays,
      },
    }),
  ];
}

/** How a private CA is trusted, in both places a probe runs: the CLI's flag and the check's key. */
export const TRUST_PRIVATE_CA =
  'trust its CA bundle (`preflight probe-tls --ca-file PEM`; for the check, `checks.tls-endpoints.caFile`)';

function trustFix(error: string | null): string {
  switch (error) {
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return `Serve the full chain (certificate plus intermediates); if a private CA issued it, ${TRUST_PRIVATE_CA}.`;
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return `Replace the self-signed certificate with one from a trusted CA, or ${TRUST_PRIVATE_CA}.`;
    default:
      return `Serve a certificate chain from a publicly trusted CA; for a private CA, ${TRUST_PRIVATE_CA}.`;
  }
}

/** The chain leads to a trusted root. */
export function evaluateTrust(resource: string, probe: ProbeConnected): Finding {
  const evidence = {
    chainTrusted: probe.chainTrusted,
    trustError: probe.trustError,
    issuer: probe.chain[0]?.issuer,
  };
  return probe.chainTrusted
    ? endpointFinding('trust', resource, {
        status: 'PASS',
        message: 'The chain leads to a trusted root.',
        evidence,
      })
    : endpointFinding('trust', resource, {
        status: 'FAIL',
        message: `The chain is not trusted (${probe.trustError ?? 'no reason given'}).`,
        remediation: trustFix(probe.trustError),
        evidence,
      });
}

/** The leaf is valid for the SNI name. */
export function evaluateHostname(resource: string, servername: string, probe: ProbeConnected): Finding {
  const evidence = { servername, hostnameMatches: probe.hostnameMatches, subject: probe.chain[0]?.subject };
  return probe.hostnameMatches
    ? endpointFinding('hostname', resource, {
        status: 'PASS',
        message: `The certificate is valid for ${servername}.`,
        evidence,
      })
    : endpointFinding('hostname', resource, {
        status: 'FAIL',
        message: `The certificate is not valid for ${servername}: ${probe.hostnameError ?? 'name mismatch'}.`,
        remediation: `Serve a certificate whose subjectAltName covers ${servername} (check the SNI routing of the endpoint).`,
        evidence: { ...evidence, hostnameError: probe.hostnameError },
      });
}

/** TLS 1.2 or better was negotiated. */
export function evaluateProtocol(resource: string, probe: ProbeConnected): Finding {
  const evidence = { protocol: probe.protocol };
  if (probe.protocol === null) {
    return endpointFinding('protocol', resource, {
      status: 'ERROR',
      message: 'Could not evaluate: the negotiated protocol is unknown.',
      remediation: 'Probe the endpoint again; report it to the Preflight maintainers if this persists.',
      evidence,
    });
  }
  return GOOD_PROTOCOLS.has(probe.protocol)
    ? endpointFinding('protocol', resource, {
        status: 'PASS',
        message: `Negotiated ${probe.protocol}.`,
        evidence,
      })
    : endpointFinding('protocol', resource, {
        status: 'FAIL',
        message: `The endpoint still negotiates ${probe.protocol}, deprecated (RFC 8996).`,
        remediation:
          'Disable TLS 1.0/1.1: choose a TLS 1.2+ security policy (ELB: ELBSecurityPolicy-TLS13-1-2-2021-06; ' +
          'CloudFront: TLSv1.2_2021).',
        evidence,
      });
}

/** The leaf's RSA key is long enough; other key types pass. */
export function evaluateLeafKey(resource: string, probe: ProbeConnected, minRsaBits: number): Finding {
  const leaf = probe.chain[0];
  const evidence = { keyType: leaf?.keyType ?? null, keyBits: leaf?.keyBits ?? null, minRsaBits };
  if (leaf?.keyType === 'rsa' && leaf.keyBits !== null) {
    return leaf.keyBits < minRsaBits
      ? endpointFinding('key-size', resource, {
          status: 'FAIL',
          message: `The certificate has a ${leaf.keyBits}-bit RSA key, under the ${minRsaBits}-bit minimum.`,
          remediation: `Reissue the certificate with an RSA key of at least ${minRsaBits} bits or an EC key.`,
          evidence,
        })
      : endpointFinding('key-size', resource, {
          status: 'PASS',
          message: `The certificate has a ${leaf.keyBits}-bit RSA key.`,
          evidence,
        });
  }
  if (leaf?.keyType !== undefined && leaf.keyType !== null && leaf.keyType !== 'rsa') {
    return endpointFinding('key-size', resource, {
      status: 'PASS',
      message: `The certificate has ${leaf.keyType.toUpperCase()} key${leaf.keyBits === null ? '' : ` (${leaf.keyBits} bits)`}.`,
      evidence,
    });
  }
  return endpointFinding('key-size', resource, {
    status: 'ERROR',
    message: 'Could not evaluate: the key of the certificate could not be read.',
    remediation: 'Inspect the certificate (openssl s_client) and report it to the Preflight maintainers.',
    evidence,
  });
}

/**
 * SHA-1/MD5 signatures on the leaf or an intermediate fail. A root's self-signature is not judged
 * (clients trust the root itself, not its signature), but the leaf always is, self-signed or not.
 */
export function evaluateSignatures(resource: string, probe: ProbeConnected): Finding {
  const judged = probe.chain.filter((cert, index) => index === 0 || !cert.selfSigned);
  const weak = judged.filter((cert) => isWeakSignature(cert.signatureAlgorithm));
  const evidence = {
    signatures: judged.map((cert) => ({
      subject: cert.subject,
      signatureAlgorithm: cert.signatureAlgorithm,
    })),
  };
  if (weak.length === 0) {
    return endpointFinding('signature', resource, {
      status: 'PASS',
      message: `No weak signature in the chain (${[...new Set(judged.map((c) => c.signatureAlgorithm))].join(', ')}).`,
      evidence,
    });
  }
  return endpointFinding('signature', resource, {
    status: 'FAIL',
    message: `Weak signature in the chain: ${weak.map((c) => `"${c.subject}" (${c.signatureAlgorithm})`).join(', ')}.`,
    remediation: 'Reissue the certificate (and serve intermediates) signed with SHA-256 or better.',
    evidence,
  });
}
