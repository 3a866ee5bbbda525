import { ECRClient, paginateDescribeImages, paginateDescribeRepositories } from '@aws-sdk/client-ecr';
import { Inspector2Client, paginateListFindings } from '@aws-sdk/client-inspector2';
import { collectPages } from '../../lambdas/aws/call';
import { type AwsClientOptions, clientConfig } from '../../lambdas/aws/client-config';
import { toVulnerability } from '../../lambdas/aws/images/inspector';
import type { ImagesPorts } from '../../lambdas/core/checks/images/ports';

/*
 * The image checks' reads the naive way: every active finding of the image at the default page size
 * (severities filtered here, not by Inspector), the whole repository listed to find one digest, and
 * every repository listed to find one name.
 */
export function naiveImages(options: AwsClientOptions, ours: ImagesPorts): ImagesPorts {
  const config = clientConfig(options);
  const ecr = new ECRClient(config);
  const inspector = new Inspector2Client(config);
  return {
    ...ours,
    async imageFindings(image, severities) {
      const findings = await collectPages(
        'inspector2:ListFindings',
        paginateListFindings(
          { client: inspector },
          {
            filterCriteria: {
              ecrImageHash: [{ comparison: 'EQUALS', value: image.digest }],
              ecrImageRepositoryName: [{ comparison: 'EQUALS', value: image.repository }],
              findingStatus: [{ comparison: 'EQUALS', value: 'ACTIVE' }],
              findingType: [{ comparison: 'EQUALS', value: 'PACKAGE_VULNERABILITY' }],
            },
          },
        ),
        (page) => page.findings,
      );
      return findings.map(toVulnerability).filter((v) => severities.includes(v.severity));
    },
    async image(ref) {
      const details = await collectPages(
        'ecr:DescribeImages',
        paginateDescribeImages({ client: ecr }, { repositoryName: ref.repository }),
        (page) => page.imageDetails,
      ).catch((error: { code?: string }) => {
        if (error.code === 'RepositoryNotFoundException') return undefined;
        throw error;
      });
      if (details === undefined) return { found: false, missing: 'repository' };
      const detail = details.find((d) => d.imageDigest === ref.digest);
      if (detail === undefined) return { found: false, missing: 'image' };
      return {
        found: true,
        value: {
          digest: ref.digest,
          tags: detail.imageTags ?? [],
          ...(detail.imagePushedAt === undefined ? {} : { pushedAt: detail.imagePushedAt }),
        },
      };
    },
    async repository(name) {
      const repositories = await collectPages(
        'ecr:DescribeRepositories',
        paginateDescribeRepositories({ client: ecr }, {}),
        (page) => page.repositories,
      );
      const found = repositories.find((r) => r.repositoryName === name);
      if (found === undefined) return { found: false, missing: 'repository' };
      return {
        found: true,
        value: {
          name,
          arn: found.repositoryArn ?? '',
          tagMutability: found.imageTagMutability ?? 'MUTABLE',
          scanOnPush: found.imageScanningConfiguration?.scanOnPush === true,
        },
      };
    },
  };
}
