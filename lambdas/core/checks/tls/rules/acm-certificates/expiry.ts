import type { Finding } from '../../../../findings';
import { type ExpiryThresholds, judgeExpiry } from '../../expiry';
import { acmFinding } from '../../finding';
import type { AcmCertificate } from '../../ports';
import { name } from './name';

function expiryFix(cert: AcmCertificate): string {
  switch (cert.type) {
    case 'IMPORTED':
      return (
        'Imported certificates never renew automatically: get a renewed certificate from your CA and ' +
        're-import it into the same ARN (aws acm import-certificate --certificate-arn ...) before it expires.'
      );
    case 'AMAZON_ISSUED':
      return cert.inUse === false
        ? 'ACM only renews certificates that are in use: attach it to its resource, or request a new one.'
        : 'ACM should have renewed it: check the renewal status in ACM and that the DNS validation CNAME ' +
            'records of every domain still exist; if renewal is stuck, request a new certificate and switch to it.';
    case 'PRIVATE':
      return 'Renew it (aws acm renew-certificate) and check that the issuing AWS Private CA is ACTIVE.';
    default:
      return 'Replace the certificate before it expires.';
  }
}

/** Issued by ACM or a private CA: no copy of its key exists outside ACM unless it was exported. */
const ISSUED_BY_ACM: ReadonlySet<string> = new Set(['AMAZON_ISSUED', 'PRIVATE']);

/**
 * ACM says nothing uses the certificate and it was never exported: no AWS service serves it and no
 * copy of its key exists anywhere else, so its expiry breaks nothing. An imported certificate may
 * serve outside AWS, and a certificate ACM said nothing about may be in use: neither is judged idle.
 */
function servesNothing(cert: AcmCertificate): boolean {
  return (
    cert.inUse === false && cert.exported === false && cert.type !== null && ISSUED_BY_ACM.has(cert.type)
  );
}

const IDLE_WORDS = ', but it is not in use and never exported, so its expiry breaks nothing';
const IDLE_FIX =
  'Delete it if nothing needs it (aws acm delete-certificate); if a resource is about to use it, ' +
  'attach it now: ACM renews only certificates that are in use.';

/**
 * Expiry of a certificate that is ISSUED or in use. One close to expiry (or expired) that nothing
 * uses and that was never exported is a WARN, not a FAIL: it is what the `status` rule says of the
 * same certificate once ACM marks it EXPIRED. A certificate that is neither (an old EXPIRED or
 * FAILED one lying around) is judged by its status alone: its date harms no one.
 */
export function evaluateExpiry(cert: AcmCertificate, thresholds: ExpiryThresholds, now: Date): Finding[] {
  if (cert.status !== 'ISSUED' && cert.inUse === false) return [];
  if (cert.notAfter === null) {
    return [
      acmFinding('expiry', cert.arn, {
        status: 'ERROR',
        message: `Could not evaluate: ACM gave no expiry date for ${name(cert)}.`,
        remediation: 'Check the certificate in the ACM console (aws acm describe-certificate).',
        evidence: { domainName: cert.domainName, status: cert.status, inUse: cert.inUse },
      }),
    ];
  }
  const verdict = judgeExpiry(cert.notAfter, now, thresholds);
  const idle = verdict.status === 'FAIL' && servesNothing(cert);
  return [
    acmFinding('expiry', cert.arn, {
      status: idle ? 'WARN' : verdict.status,
      message: `${name(cert)} (${cert.type ?? 'unknown type'}) ${verdict.summary}${idle ? IDLE_WORDS : ''}.`,
      ...(verdict.status === 'PASS' ? {} : { remediation: idle ? IDLE_FIX : expiryFix(cert) }),
      evidence: {
        domainName: cert.domainName,
        type: cert.type,
        inUse: cert.inUse,
        notAfter: cert.notAfter.toISOString(),
        daysToExpiry: verdict.daysToExpiry,
        expired: verdict.expired,
        warnDays: thresholds.warnDays,
        failDays: thresholds.failDays,
      },
    }),
  ];
}
