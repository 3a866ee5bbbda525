import type { Finding } from '../../../../findings';
import type { ReleaseImage } from '../../../../release';
import { errorFinding } from '../../../kit/finding';
import type { Outcome } from '../../../kit/outcome';
import { elapsedDays, tenths } from '../../../kit/time';
import { imageScansFinding } from '../../finding';
import type { BasicScan, ImageCoverage, InspectorStatus, Lookup } from '../../ports';
import { imageName } from '../../release-images';

export interface ScanSettings {
  readonly maxScanAgeDays: number;
}

const evidenceOf = (image: ReleaseImage, extra: Record<string, unknown>) => ({
  image: image.reference,
  ...extra,
});

/** A scan that exists: PASS when recent, FAIL when older than `maxScanAgeDays` (or undated). */
function judgeAge(
  image: ReleaseImage,
  scanner: string,
  scannedAt: Date | undefined,
  settings: ScanSettings,
  now: Date,
  evidence: Record<string, unknown>,
): Finding {
  if (scannedAt === undefined) {
    return imageScansFinding('scan', image.reference, {
      status: 'FAIL',
      message: `${scanner} reports no scan time for ${imageName(image)}: the scan's freshness cannot be shown.`,
      remediation: 'Rescan the image (start a scan, or push it again to a scanned repository) and run again.',
      evidence: evidenceOf(image, { scanner, ...evidence }),
    });
  }
  const age = elapsedDays(scannedAt, now);
  const shown = {
    scanner,
    scannedAt: scannedAt.toISOString(),
    ageDays: tenths(age),
    maxScanAgeDays: settings.maxScanAgeDays,
  };
  if (age > settings.maxScanAgeDays) {
    return imageScansFinding('scan', image.reference, {
      status: 'FAIL',
      message: `${imageName(image)} was last scanned ${tenths(age)} days ago by ${scanner} (maximum ${settings.maxScanAgeDays}): vulnerabilities published since are not seen.`,
      remediation:
        'Turn on continuous scanning (Amazon Inspector enhanced scanning) or rescan the image before deploying it.',
      evidence: evidenceOf(image, { ...shown, ...evidence }),
    });
  }
  return imageScansFinding('scan', image.reference, {
    status: 'PASS',
    message: `${imageName(image)} was scanned by ${scanner} ${tenths(age)} days ago.`,
    evidence: evidenceOf(image, { ...shown, ...evidence }),
  });
}

/**
 * `scan` (enhanced scanning): Amazon Inspector scans the account's ECR images, covers this one
 * actively, and scanned it within `maxScanAgeDays`. Inspector off for ECR, no coverage, inactive or
 * pending coverage: FAIL (no scan to trust). A source that could not be read: ERROR.
 */
export function judgeInspectorScan(
  image: ReleaseImage,
  status: Outcome<InspectorStatus>,
  coverage: Outcome<readonly ImageCoverage[]>,
  settings: ScanSettings,
  now: Date,
): Finding {
  if (!status.ok) {
    return errorFinding(imageScansFinding, 'scan', image.reference, status.error, evidenceOf(image, {}));
  }
  if (status.value.ecr !== 'ENABLED') {
    return imageScansFinding('scan', image.reference, {
      status: 'FAIL',
      message: `The registry uses enhanced scanning, but Amazon Inspector's ECR scanning is ${status.value.ecr} in account ${status.value.accountId}: ${imageName(image)} is not being scanned.`,
      remediation:
        'Enable Amazon Inspector for ECR (inspector2:Enable with resourceTypes ECR), or switch the registry to basic scanning.',
      evidence: evidenceOf(image, { scanner: 'Amazon Inspector', inspectorEcr: status.value.ecr }),
    });
  }
  if (!coverage.ok) {
    return errorFinding(imageScansFinding, 'scan', image.reference, coverage.error, evidenceOf(image, {}));
  }
  const [entry] = coverage.value;
  if (entry === undefined) {
    return imageScansFinding('scan', image.reference, {
      status: 'FAIL',
      message: `Amazon Inspector does not cover ${imageName(image)}: it has never been scanned.`,
      remediation:
        "Check the registry's enhanced scanning rules cover the repository, and that the image was pushed to it; Inspector scans an image once it is pushed.",
      evidence: evidenceOf(image, { scanner: 'Amazon Inspector' }),
    });
  }
  const coverageEvidence = {
    coverage: entry.statusCode,
    ...(entry.statusReason === undefined ? {} : { reason: entry.statusReason }),
  };
  if (entry.statusCode !== 'ACTIVE' || entry.statusReason === 'PENDING_INITIAL_SCAN') {
    return imageScansFinding('scan', image.reference, {
      status: 'FAIL',
      message: `Amazon Inspector's coverage of ${imageName(image)} is ${entry.statusCode}${entry.statusReason === undefined ? '' : ` (${entry.statusReason})`}: no current scan.`,
      remediation:
        entry.statusReason === 'PENDING_INITIAL_SCAN'
          ? 'Wait for the first scan to finish and run the gate again.'
          : "Read the reason in Inspector's coverage (an unsupported OS, an expired scan duration), fix it, and rescan.",
      evidence: evidenceOf(image, { scanner: 'Amazon Inspector', ...coverageEvidence }),
    });
  }
  return judgeAge(image, 'Amazon Inspector', entry.lastScannedAt, settings, now, coverageEvidence);
}

/**
 * `scan` (basic scanning): ECR scanned the image, the scan is COMPLETE and within `maxScanAgeDays`.
 * No scan, or one in progress, failed or unsupported: FAIL. The scan that could not be read: ERROR.
 */
export function judgeBasicScan(
  image: ReleaseImage,
  scan: Outcome<Lookup<BasicScan>>,
  settings: ScanSettings,
  now: Date,
): Finding {
  if (!scan.ok)
    return errorFinding(imageScansFinding, 'scan', image.reference, scan.error, evidenceOf(image, {}));
  const found = scan.value;
  if (!found.found) {
    const what =
      found.missing === 'scan'
        ? 'has never been scanned'
        : found.missing === 'image'
          ? 'does not exist in its repository'
          : 'is in a repository that does not exist';
    return imageScansFinding('scan', image.reference, {
      status: 'FAIL',
      message: `${imageName(image)} ${what}: no scan to trust.`,
      remediation:
        found.missing === 'scan'
          ? 'Scan the image (ecr start-image-scan, or scan on push) and run again.'
          : 'Pass the digest that was pushed (docker buildx imagetools inspect, or the push output).',
      evidence: evidenceOf(image, { scanner: 'ECR basic scanning', missing: found.missing }),
    });
  }
  const result = found.value;
  if (result.status !== 'COMPLETE') {
    return imageScansFinding('scan', image.reference, {
      status: 'FAIL',
      message: `ECR's scan of ${imageName(image)} is ${result.status}${result.description === undefined ? '' : ` (${result.description})`}: no completed scan.`,
      remediation:
        result.status === 'IN_PROGRESS'
          ? 'Wait for the scan to finish and run the gate again.'
          : 'Read the scan status description, fix the cause and rescan; an image basic scanning does not support needs enhanced scanning.',
      evidence: evidenceOf(image, { scanner: 'ECR basic scanning', scanStatus: result.status }),
    });
  }
  return judgeAge(image, 'ECR basic scanning', result.completedAt, settings, now, {
    scanStatus: result.status,
  });
}
