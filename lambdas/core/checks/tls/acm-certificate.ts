import type { Finding } from '../../findings';
import type { ExpiryThresholds } from './expiry';
import type { AcmCertificate } from './ports';
import { evaluateExpiry } from './rules/acm-certificates/expiry';
import { evaluateKeySize } from './rules/acm-certificates/key-size';
import { evaluateStatus } from './rules/acm-certificates/status';

/*
 * The list-based rules of the acm-certificates check, one file each under rules/acm-certificates/
 * (named after the rule); `renewal` needs a call per certificate and lives in rules/acm-certificates/renewal.ts.
 */

/** The acm-certificates settings the pure rules need. */
export interface AcmRuleSettings extends ExpiryThresholds {
  readonly minRsaBits: number;
}

export { evaluateExpiry, evaluateKeySize, evaluateStatus };

/** Every list-based rule for one certificate: status, expiry and key size. */
export function evaluateCertificate(cert: AcmCertificate, settings: AcmRuleSettings, now: Date): Finding[] {
  return [
    evaluateStatus(cert),
    ...evaluateExpiry(cert, settings, now),
    evaluateKeySize(cert, settings.minRsaBits),
  ];
}
