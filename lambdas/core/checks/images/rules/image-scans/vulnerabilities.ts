import type { Severity, Suppression } from '../../../../config/images-schema';
import type { Finding } from '../../../../findings';
import type { ReleaseImage } from '../../../../release';
import { errorFinding } from '../../../kit/finding';
import type { Outcome } from '../../../kit/outcome';
import { imageScansFinding } from '../../finding';
import type { Vulnerability } from '../../ports';
import { imageName } from '../../release-images';
import { severityRank } from '../../severity';
import { activeSuppression } from '../../suppression';

export interface VulnerabilitySettings {
  readonly failSeverity: Severity;
  readonly warnSeverity: Severity;
  readonly maxListedVulnerabilities: number;
  readonly suppressions: readonly Suppression[];
}

/** One vulnerability as the evidence lists it: id, severity, and each package with its fix. */
const listed = (v: Vulnerability) => ({
  id: v.id,
  severity: v.severity,
  packages: v.packages.map(
    (p) =>
      `${p.name}${p.version === undefined ? '' : ` ${p.version}`} (fixed in ${p.fixedIn ?? 'no version yet'})`,
  ),
});

const ids = (list: readonly Vulnerability[], max: number) =>
  `${list
    .slice(0, max)
    .map((v) => v.id)
    .join(', ')}${list.length > max ? ', ...' : ''}`;

/**
 * `vulnerabilities`: no vulnerability at or above `failSeverity` (FAIL), none at or above
 * `warnSeverity` or of a severity the scanner could not tell yet (WARN), once the suppressions in
 * force are taken out (each listed with its reason and expiry). Worst first, at most
 * `maxListedVulnerabilities` listed with their packages and fixed versions; the counts cover all.
 * No completed scan (`undefined`): WARN, not judged (the `scan` rule fails it). Unreadable: ERROR.
 */
export function judgeVulnerabilities(
  image: ReleaseImage,
  scanner: string,
  found: Outcome<readonly Vulnerability[] | undefined>,
  settings: VulnerabilitySettings,
  now: Date,
): Finding {
  if (!found.ok) {
    return errorFinding(imageScansFinding, 'vulnerabilities', image.reference, found.error, {
      image: image.reference,
    });
  }
  if (found.value === undefined) {
    return imageScansFinding('vulnerabilities', image.reference, {
      status: 'WARN',
      message: `${imageName(image)}'s vulnerabilities were not judged: it has no completed scan.`,
      remediation: 'Scan the image (see the scan finding) and run again.',
      evidence: { image: image.reference, scanner },
    });
  }
  const fail = severityRank(settings.failSeverity);
  const warn = severityRank(settings.warnSeverity);
  const suppressed: Array<{ id: string; severity: string; reason: string; until: string }> = [];
  const counted: Vulnerability[] = [];
  for (const v of found.value) {
    const suppression = activeSuppression(settings.suppressions, v.id, image.repository, now);
    if (suppression === undefined) counted.push(v);
    else
      suppressed.push({
        id: v.id,
        severity: v.severity,
        reason: suppression.reason,
        until: suppression.until,
      });
  }
  const rank = (v: Vulnerability) => severityRank(v.severity);
  const failing = counted.filter((v) => rank(v) >= fail);
  const warning = counted.filter((v) => (rank(v) >= warn && rank(v) < fail) || rank(v) < 0);
  const bySeverity: Record<string, number> = {};
  for (const v of counted) bySeverity[v.severity] = (bySeverity[v.severity] ?? 0) + 1;
  const worstFirst = [...failing, ...warning].sort((a, b) => rank(b) - rank(a));
  const evidence = {
    image: image.reference,
    scanner,
    failSeverity: settings.failSeverity,
    warnSeverity: settings.warnSeverity,
    bySeverity,
    vulnerabilities: worstFirst.slice(0, settings.maxListedVulnerabilities).map(listed),
    listed: Math.min(worstFirst.length, settings.maxListedVulnerabilities),
    total: worstFirst.length,
    ...(suppressed.length === 0 ? {} : { suppressed }),
  };
  if (failing.length > 0) {
    return imageScansFinding('vulnerabilities', image.reference, {
      status: 'FAIL',
      message: `${imageName(image)} has ${failing.length} vulnerabilit${failing.length === 1 ? 'y' : 'ies'} at or above ${settings.failSeverity}: ${ids(failing, 5)}.`,
      remediation:
        'Update the packages to their fixed versions (see the evidence), rebuild and push the image, and pass the new digest; a vulnerability that does not apply is suppressed in checks.image-scans.suppressions with a reason and an expiry.',
      evidence,
    });
  }
  if (warning.length > 0) {
    return imageScansFinding('vulnerabilities', image.reference, {
      status: 'WARN',
      message: `${imageName(image)} has ${warning.length} vulnerabilit${warning.length === 1 ? 'y' : 'ies'} at or above ${settings.warnSeverity} (or not yet rated): ${ids(warning, 5)}.`,
      remediation: 'Plan the package updates listed in the evidence.',
      evidence,
    });
  }
  return imageScansFinding('vulnerabilities', image.reference, {
    status: 'PASS',
    message: `${imageName(image)} has no vulnerability at or above ${settings.warnSeverity}${suppressed.length === 0 ? '' : ` (${suppressed.length} suppressed)`}.`,
    evidence,
  });
}
