import type { Finding } from '../../../../findings';
import { endpointFinding } from '../../finding';
import type { PresentedCertificate, ProbeConnected } from '../../ports';

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

/** OpenSSL's errors for an issuer it could not find among the certificates sent or the anchors. */
const MISSING_ISSUER = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
]);

/** A failed trust verdict: what is wrong and how to fix it. */
interface Distrust {
  readonly message: string;
  readonly remediation: string;
}

/**
 * An issuer neither sent nor trusted, said plainly: a server that sends only its certificate works
 * in a browser that fetches the intermediate itself (AIA) and fails for every other client.
 */
function missingIssuer(probe: ProbeConnected, code: string): Distrust | null {
  const top = probe.chain[probe.chain.length - 1];
  if (!MISSING_ISSUER.has(code) || top === undefined || top.selfSigned) return null;
  const privateRoot = `if "${top.issuer}" is your private CA's root, ${TRUST_PRIVATE_CA}`;
  if (probe.chain.length === 1) {
    return {
      message: `The chain is not trusted (${code}): the server sent only its certificate, without the intermediate that issued it ("${top.issuer}"), which is not a trusted root either. Browsers may fetch a missing intermediate themselves; curl, Go, Java, Python, most API clients and mobile apps refuse the connection.`,
      remediation: `Send the intermediate: serve the certificate followed by the intermediate certificate(s) of "${top.issuer}" (the full chain file from your CA); ${privateRoot}.`,
    };
  }
  return {
    message: `The chain is not trusted (${code}): the last certificate sent, "${top.subject}", was issued by "${top.issuer}", which is neither sent nor a trusted root.`,
    remediation: `Send the missing intermediate: serve the intermediate certificate(s) of "${top.issuer}" after "${top.subject}"; ${privateRoot}.`,
  };
}

/** A purpose a TLS server certificate may have: serverAuth, or any. */
const SERVES_TLS = (purposes: readonly string[]) =>
  purposes.includes('serverAuth') || purposes.includes('anyExtendedKeyUsage');

/**
 * Why a client refuses the chain for a TLS server whatever its trust: an extendedKeyUsage without
 * serverAuth, on the certificate or an intermediate (OpenSSL's INVALID_PURPOSE, which an expired
 * certificate's date error hides from node), or a certificate keyUsage without digitalSignature,
 * which TLS 1.3 and the ECDHE suites of TLS 1.2 sign with (Chrome's ERR_SSL_KEY_USAGE_INCOMPATIBLE,
 * Firefox, OpenSSL for EC keys). A root's own extensions are the trust store's business.
 */
function purposeProblems(chain: readonly PresentedCertificate[]): Distrust[] {
  const problems: Distrust[] = [];
  for (const [index, cert] of chain.entries()) {
    if (index > 0 && cert.selfSigned) continue;
    const purposes = cert.extendedKeyUsage ?? null;
    if (purposes !== null && !SERVES_TLS(purposes)) {
      problems.push(
        index === 0
          ? {
              message: `The certificate's extendedKeyUsage (${purposes.join(', ') || 'empty'}) does not include serverAuth: clients refuse it for a TLS server (INVALID_PURPOSE).`,
              remediation:
                'Reissue the certificate for TLS server authentication (extendedKeyUsage serverAuth); a client or code-signing certificate cannot serve TLS.',
            }
          : {
              message: `Chain certificate "${cert.subject}" has an extendedKeyUsage (${purposes.join(', ') || 'empty'}) without serverAuth: clients refuse the TLS server certificates it issues (INVALID_PURPOSE).`,
              remediation:
                'Serve an intermediate your CA allows to issue TLS server certificates (extendedKeyUsage serverAuth, or none), and issue the certificate under it.',
            },
      );
    }
    const usage = cert.keyUsage ?? null;
    if (index === 0 && usage !== null && !usage.includes('digitalSignature')) {
      problems.push({
        message: `The certificate's keyUsage (${usage.join(', ') || 'empty'}) does not include digitalSignature, which the server's key signs the handshake with (TLS 1.3, ECDHE suites of TLS 1.2): Chrome and Firefox refuse it (ERR_SSL_KEY_USAGE_INCOMPATIBLE).`,
        remediation:
          'Reissue the certificate with keyUsage digitalSignature (with keyEncipherment for an RSA key, if your CA adds it).',
      });
    }
  }
  return problems;
}

/**
 * The chain leads to a trusted root, and clients accept its certificates for a TLS server. A chain
 * that is not trusted is said first (nothing else matters to a client), a certificate refused for
 * its use next.
 */
export function evaluateTrust(resource: string, probe: ProbeConnected): Finding {
  const evidence = {
    chainTrusted: probe.chainTrusted,
    trustError: probe.trustError,
    issuer: probe.chain[0]?.issuer,
  };
  const code = probe.trustError ?? 'no reason given';
  if (!probe.chainTrusted && code !== 'INVALID_PURPOSE') {
    const missing = missingIssuer(probe, code);
    return endpointFinding('trust', resource, {
      status: 'FAIL',
      message: missing?.message ?? `The chain is not trusted (${code}).`,
      remediation: missing?.remediation ?? trustFix(probe.trustError),
      evidence,
    });
  }
  const problems = purposeProblems(probe.chain);
  if (problems.length > 0) {
    return endpointFinding('trust', resource, {
      status: 'FAIL',
      message: problems.map((p) => p.message).join(' '),
      remediation: [...new Set(problems.map((p) => p.remediation))].join(' '),
      evidence: {
        ...evidence,
        keyUsage: probe.chain[0]?.keyUsage ?? null,
        extendedKeyUsage: probe.chain[0]?.extendedKeyUsage ?? null,
      },
    });
  }
  if (!probe.chainTrusted) {
    return endpointFinding('trust', resource, {
      status: 'FAIL',
      message: `The chain is not trusted (${code}): a certificate of the chain may not be used for a TLS server.`,
      remediation:
        'Check the keyUsage, extendedKeyUsage and basicConstraints of the certificate and its intermediates (openssl x509 -text): the certificate needs serverAuth and digitalSignature, each intermediate CA:TRUE and keyCertSign.',
      evidence,
    });
  }
  return endpointFinding('trust', resource, {
    status: 'PASS',
    message: 'The chain leads to a trusted root.',
    evidence,
  });
}
