import { explainError } from '../../../../errors';
import type { Finding } from '../../../../findings';
import { DAY_MS } from '../../../kit/time';
import { acmFinding } from '../../finding';
import type { AcmCertificate, AcmRenewal } from '../../ports';

/**
 * ACM starts managed renewal of Amazon-issued and private certificates 60 days before they expire,
 * so a RenewalSummary (and a failed renewal) can only exist inside that window.
 */
export const ACM_RENEWAL_WINDOW_DAYS = 60;

const MANAGED_TYPES = new Set(['AMAZON_ISSUED', 'PRIVATE']);

/**
 * Whether the renewal state of `cert` is worth a DescribeCertificate call: ListCertificates does not
 * carry it, and only issued, ACM-managed certificates inside the renewal window can have one.
 * Imported certificates never renew, so asking would only cost API calls.
 */
export function needsRenewalLookup(cert: AcmCertificate, now: Date): boolean {
  if (cert.type === null || !MANAGED_TYPES.has(cert.type) || cert.status !== 'ISSUED') return false;
  if (cert.notAfter === null) return false;
  return cert.notAfter.getTime() - now.getTime() <= ACM_RENEWAL_WINDOW_DAYS * DAY_MS;
}

/** The outcome of looking up a certificate's renewal: the data, or why it could not be read. */
export type RenewalLookup =
  | { readonly ok: true; readonly renewal: AcmRenewal }
  | { readonly ok: false; readonly error: unknown };

/**
 * Judges ACM's managed renewal. No finding when no renewal has started yet: the expiry rule
 * already speaks for the date, and a missing summary proves nothing either way.
 */
export function evaluateRenewal(cert: AcmCertificate, lookup: RenewalLookup): Finding[] {
  if (!lookup.ok) {
    const { message, remediation, code } = explainError(lookup.error);
    return [acmFinding('renewal', cert.arn, { status: 'ERROR', message, remediation, evidence: { code } })];
  }
  const { status, reason, updatedAt } = lookup.renewal;
  if (status === null) return [];
  const evidence = {
    domainName: cert.domainName,
    renewalStatus: status,
    renewalStatusReason: reason,
    renewalUpdatedAt: updatedAt?.toISOString() ?? null,
    notAfter: cert.notAfter?.toISOString() ?? null,
  };
  const name = cert.domainName ?? cert.arn;
  switch (status) {
    case 'FAILED':
      return [
        acmFinding('renewal', cert.arn, {
          status: 'FAIL',
          message: `ACM could not renew ${name}${reason === null ? '' : ` (${reason})`}.`,
          remediation:
            'Fix the cause ACM reports (CAA records, DNS validation CNAMEs, domain ownership), then request ' +
            'a new certificate and switch the resources using this one to it before it expires.',
          evidence,
        }),
      ];
    case 'PENDING_VALIDATION':
      return [
        acmFinding('renewal', cert.arn, {
          status: 'WARN',
          message: `ACM's renewal of ${name} is waiting for domain validation.`,
          remediation:
            'Restore the DNS validation CNAME records of every domain of the certificate (or answer the ' +
            'validation emails) so ACM can finish the renewal.',
          evidence,
        }),
      ];
    case 'SUCCESS':
    case 'PENDING_AUTO_RENEWAL':
      return [
        acmFinding('renewal', cert.arn, {
          status: 'PASS',
          message: `ACM renewal of ${name} is ${status === 'SUCCESS' ? 'done' : 'under way'}.`,
          evidence,
        }),
      ];
    default:
      return [
        acmFinding('renewal', cert.arn, {
          status: 'ERROR',
          message: `Could not evaluate: unknown ACM renewal status ${status}.`,
          remediation:
            'Check the certificate in the ACM console; report the status to the Preflight maintainers.',
          evidence,
        }),
      ];
  }
}
