import type { Finding } from '../../findings';
import { type ExpiryThresholds, judgeExpiry } from './expiry';
import { acmFinding } from './finding';
import type { AcmCertificate } from './ports';

/** The acm-certificates settings the pure rules need. */
export interface AcmRuleSettings extends ExpiryThresholds {
  readonly minRsaBits: number;
}

const STATUS_FIXES: Readonly<Record<string, string>> = {
  EXPIRED: 'Replace it with a valid certificate on every resource using it, then delete it.',
  PENDING_VALIDATION: 'Complete the DNS (CNAME) or email validation, or delete the request.',
  VALIDATION_TIMED_OUT: 'Validation was never completed: request a new certificate and validate it.',
  FAILED: 'ACM could not issue it (see FailureReason): fix the cause and request a new certificate.',
  REVOKED: 'Replace it with a new certificate on every resource using it, then delete it.',
  INACTIVE: 'Replace it with an issued certificate on every resource using it, or delete it.',
};

function name(cert: AcmCertificate): string {
  return cert.domainName ?? cert.arn;
}

/** ISSUED passes; anything else fails while in use (or when ACM did not say) and warns otherwise. */
export function evaluateStatus(cert: AcmCertificate): Finding {
  const evidence = { domainName: cert.domainName, status: cert.status, inUse: cert.inUse, type: cert.type };
  if (cert.status === 'ISSUED') {
    return acmFinding('status', cert.arn, { status: 'PASS', message: `${name(cert)} is ISSUED.`, evidence });
  }
  const fix = STATUS_FIXES[cert.status ?? ''] ?? 'Replace it with an ISSUED certificate, or delete it.';
  if (cert.inUse === false) {
    return acmFinding('status', cert.arn, {
      status: 'WARN',
      message: `${name(cert)} is ${cert.status ?? 'in an unknown status'} and not in use.`,
      remediation:
        cert.status === 'PENDING_VALIDATION'
          ? fix
          : 'Delete it (aws acm delete-certificate): unused certificates that are not ISSUED only hide real problems.',
      evidence,
    });
  }
  return acmFinding('status', cert.arn, {
    status: 'FAIL',
    message: `${name(cert)} is ${cert.status ?? 'in an unknown status'} ${cert.inUse === null ? 'and ACM does not say whether it is in use' : 'while in use'}.`,
    remediation: fix,
    evidence,
  });
}

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
        warnDays: thresholds.warnDays,
        failDays: thresholds.failDays,
      },
    }),
  ];
}

/** RSA keys shorter than `minRsaBits` fail; EC keys pass; an unknown algorithm cannot be judged. */
export function evaluateKeySize(cert: AcmCertificate, minRsaBits: number): Finding {
  const algorithm = cert.keyAlgorithm;
  const rsa = algorithm === null ? null : /^RSA[-_]?(\d+)$/i.exec(algorithm);
  const evidence = { domainName: cert.domainName, keyAlgorithm: algorithm, minRsaBits };
  if (rsa?.[1] !== undefined) {
    const bits = Number(rsa[1]);
    return bits < minRsaBits
      ? acmFinding('key-size', cert.arn, {
          status: 'FAIL',
          message: `${name(cert)} has a ${bits}-bit RSA key, under the ${minRsaBits}-bit minimum.`,
          remediation: `Issue a replacement with RSA_${Math.max(minRsaBits, 2048)} or an EC key and switch to it.`,
          evidence: { ...evidence, keyBits: bits },
        })
      : acmFinding('key-size', cert.arn, {
          status: 'PASS',
          message: `${name(cert)} has a ${bits}-bit RSA key.`,
          evidence: { ...evidence, keyBits: bits },
        });
  }
  if (algorithm !== null && /^EC[-_]/i.test(algorithm)) {
    return acmFinding('key-size', cert.arn, {
      status: 'PASS',
      message: `${name(cert)} has an ${algorithm} key.`,
      evidence,
    });
  }
  return acmFinding('key-size', cert.arn, {
    status: 'ERROR',
    message: `Could not evaluate: unknown key algorithm ${algorithm ?? '(none given)'} for ${name(cert)}.`,
    remediation:
      'Check the certificate in the ACM console; report the algorithm to the Preflight maintainers.',
    evidence,
  });
}

/** Every list-based rule for one certificate: status, expiry and key size. */
export function evaluateCertificate(cert: AcmCertificate, settings: AcmRuleSettings, now: Date): Finding[] {
  return [
    evaluateStatus(cert),
    ...evaluateExpiry(cert, settings, now),
    evaluateKeySize(cert, settings.minRsaBits),
  ];
}
