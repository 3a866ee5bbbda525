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

/**
 * Expiry of a certificate that is ISSUED or in use. A certificate that is neither (an old EXPIRED or
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
  return [
    acmFinding('expiry', cert.arn, {
      status: verdict.status,
      message: `${name(cert)} (${cert.type ?? 'unknown type'}) ${verdict.summary}.`,
      ...(verdict.status === 'PASS' ? {} : { remediation: expiryFix(cert) }),
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
