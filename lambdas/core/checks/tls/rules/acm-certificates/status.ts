import type { Finding } from '../../../../findings';
import { acmFinding } from '../../finding';
import type { AcmCertificate } from '../../ports';
import { name } from './name';

const STATUS_FIXES: Readonly<Record<string, string>> = {
  EXPIRED: 'Replace it with a valid certificate on every resource using it, then delete it.',
  PENDING_VALIDATION: 'Complete the DNS (CNAME) or email validation, or delete the request.',
  VALIDATION_TIMED_OUT: 'Validation was never completed: request a new certificate and validate it.',
  FAILED: 'ACM could not issue it (see FailureReason): fix the cause and request a new certificate.',
  REVOKED: 'Replace it with a new certificate on every resource using it, then delete it.',
  INACTIVE: 'Replace it with an issued certificate on every resource using it, or delete it.',
};

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
