import { mapWithConcurrency } from '../../concurrency';
import type { Finding } from '../../findings';
import type { ReleaseImage } from '../../release';
import { mapOutcome, settle } from '../kit/outcome';
import type { FamilyDefinitions } from '../types';
import { imageCatalogue } from './catalogue';
import { imageScansFinding, imagesPushedFinding } from './finding';
import { imageName, inspectorImageId, placeInRegistry, repositoryArn } from './release-images';
import { judgeScansRelease } from './rules/image-scans/release';
import { judgeBasicScan, judgeInspectorScan } from './rules/image-scans/scan';
import { judgeSuppressions } from './rules/image-scans/suppressions';
import { judgeVulnerabilities } from './rules/image-scans/vulnerabilities';
import { judgeImagePushed } from './rules/images-pushed/image';
import { judgePushedRelease } from './rules/images-pushed/release';
import { judgeScanning } from './rules/images-pushed/scanning';
import { judgeTagImmutability } from './rules/images-pushed/tag-immutability';
import { severitiesFrom } from './severity';

/** Images judged at once: Inspector's list calls allow a few a second per account. */
export const IMAGE_CONCURRENCY = 4;

const INSPECTOR = 'Amazon Inspector';
const BASIC = 'ECR basic scanning';

/** A platform image of an image index, named like a release image of the same repository. */
const platformImage = (index: ReleaseImage, digest: string): ReleaseImage => ({
  ...index,
  digest,
  reference: `${index.reference.slice(0, index.reference.lastIndexOf('@'))}@${digest}`,
});

/** A platform image's finding, saying which image index of the release it belongs to. */
const ofIndex = (finding: Finding, index: ReleaseImage): Finding => ({
  ...finding,
  message: `Platform image of ${imageName(index)} (an image index): ${finding.message}`,
  evidence: { ...finding.evidence, imageIndex: index.reference },
});

/** The checks of "Security scans completed", "No critical vulnerabilities" and "Images pushed to registry". */
export const imageChecks: FamilyDefinitions<typeof imageCatalogue> = {
  'image-scans': {
    ...imageCatalogue['image-scans'],
    async run(account, settings, now, _scope, context = {}) {
      const expired = judgeSuppressions(settings.suppressions, now);
      const selection = judgeScansRelease(context, settings.requireImages);
      if (selection.kind === 'none') return [selection.finding, ...expired];
      const ports = account.images;
      // Nothing is judged without knowing whose registry it is and how it scans: thrown, one ERROR.
      const registry = await ports.registryScanning();
      const { judged, findings } = placeInRegistry(imageScansFinding, selection.images, registry.registryId);
      const enhanced = registry.scanType === 'ENHANCED';
      const status = enhanced ? await settle(() => ports.inspectorStatus()) : undefined;
      const severities = severitiesFrom(settings.warnSeverity);
      /** The image's scan and vulnerabilities, and whether the scanner has no scan of it at all. */
      const judgeOne = async (image: ReleaseImage): Promise<{ found: Finding[]; unscanned: boolean }> => {
        const ref = { repository: image.repository, digest: image.digest };
        if (status !== undefined) {
          const coverage = await settle(() => ports.imageCoverage({ ...ref, arn: inspectorImageId(image) }));
          const scan = judgeInspectorScan(image, status, coverage, settings, now);
          // Findings of an image Inspector never scanned would be an empty list, read as clean.
          const scanned = coverage.ok && coverage.value.some((c) => c.lastScannedAt !== undefined);
          const vulnerabilities = scanned
            ? await settle(() => ports.imageFindings(ref, severities))
            : mapOutcome(coverage, () => undefined);
          return {
            found: [scan, judgeVulnerabilities(image, INSPECTOR, vulnerabilities, settings, now)],
            unscanned: coverage.ok && coverage.value.length === 0,
          };
        }
        const basic = await settle(() => ports.basicScan(ref));
        return {
          found: [
            judgeBasicScan(image, basic, settings, now),
            judgeVulnerabilities(
              image,
              BASIC,
              mapOutcome(basic, (b) =>
                b.found && b.value.status === 'COMPLETE' ? b.value.vulnerabilities : undefined,
              ),
              settings,
              now,
            ),
          ],
          unscanned:
            basic.ok &&
            ((!basic.value.found && basic.value.missing === 'scan') ||
              (basic.value.found && basic.value.value.status === 'UNSUPPORTED_IMAGE')),
        };
      };
      const perImage = await mapWithConcurrency(judged, IMAGE_CONCURRENCY, async (image: ReleaseImage) => {
        const own = await judgeOne(image);
        if (!own.unscanned) return own.found;
        // Scanners scan an image index's platform images, never the index: asked only when no scan is seen.
        const platforms = await settle(() =>
          ports.platformImages({ repository: image.repository, digest: image.digest }),
        );
        if (!platforms.ok || platforms.value === undefined || platforms.value.length === 0) return own.found;
        const each = await Promise.all(
          platforms.value.map((digest) => judgeOne(platformImage(image, digest))),
        );
        return each.flatMap(({ found }) => found.map((f) => ofIndex(f, image)));
      });
      return [...findings, ...perImage.flat(), ...expired];
    },
  },
  'images-pushed': {
    ...imageCatalogue['images-pushed'],
    async run(account, settings, _now, _scope, context = {}) {
      const selection = judgePushedRelease(context, settings.requireImages);
      if (selection.kind === 'none') return [selection.finding];
      const ports = account.images;
      const registry = await ports.registryScanning();
      const { judged, findings } = placeInRegistry(
        imagesPushedFinding,
        selection.images,
        registry.registryId,
      );
      const images = await mapWithConcurrency(judged, IMAGE_CONCURRENCY, async (image) =>
        judgeImagePushed(
          image,
          await settle(() => ports.image({ repository: image.repository, digest: image.digest })),
        ),
      );
      const repositories = [...new Map(judged.map((image) => [image.repository, image])).values()];
      const perRepository = await mapWithConcurrency(
        repositories,
        IMAGE_CONCURRENCY,
        async (image): Promise<Finding[]> => {
          const repository = await settle(() => ports.repository(image.repository));
          const arn = repositoryArn(image);
          return [
            ...judgeTagImmutability(arn, repository, settings.requireImmutableTags),
            ...judgeScanning(arn, registry, repository, settings.requireScanning),
          ];
        },
      );
      return [...findings, ...images, ...perRepository.flat()];
    },
  },
};
