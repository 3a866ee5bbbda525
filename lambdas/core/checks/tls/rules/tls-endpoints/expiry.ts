import type { Finding } from '../../../../findings';
import { type ExpiryThresholds, judgeExpiry } from '../../expiry';
import { endpointFinding } from '../../finding';
import type { PresentedCertificate, ProbeConnected } from '../../ports';
import { earliestExpiring } from './chain';

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
        expired: verdict.expired,
        warnDays: thresholds.warnDays,
        failDays: thresholds.failDays,
      },
    }),
  ];
}
