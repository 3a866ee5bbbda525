import type { Checklist } from '../checklist/types';
import type { Finding } from '../findings';
import { ownEntry } from '../own';

export const ATTESTATIONS_CHECK_ID = 'attestations';

/** Attestation keys the checklist knows, e.g. `tests-passing`. */
export function attestationKeys(checklist: Checklist): string[] {
  return checklist.items.flatMap((item) =>
    item.verification.kind === 'attestation' ? [item.verification.key] : [],
  );
}

/**
 * Judges the pipeline's attestations against the checklist: each attested item passes with its
 * evidence link; each required attestation that is missing fails its item.
 * @param provided attestation key → evidence URL, as the pipeline sent them.
 */
export function evaluateAttestations(
  checklist: Checklist,
  provided: Readonly<Record<string, string>>,
  required: readonly string[],
): Finding[] {
  return checklist.items.flatMap((item): Finding[] => {
    if (item.verification.kind !== 'attestation') return [];
    const key = item.verification.key;
    // Own entries only: a plain object answers `constructor` or `__proto__` from its prototype, which
    // would pass an item keyed so that the pipeline never attested.
    const evidenceUrl = ownEntry(provided, key);
    const base = { checkId: ATTESTATIONS_CHECK_ID, itemId: item.id, rule: key, resource: key };
    if (evidenceUrl !== undefined) {
      return [
        {
          ...base,
          status: 'PASS',
          message: `Attested by the pipeline: ${evidenceUrl}`,
          evidence: { url: evidenceUrl },
        },
      ];
    }
    if (!required.includes(key)) return [];
    return [
      {
        ...base,
        status: 'FAIL',
        message: `Required attestation "${key}" is missing.`,
        remediation: `Have the pipeline attest "${key}" with a link to its evidence (preflight gate --attest ${key}=https://...).`,
      },
    ];
  });
}
