import {
  BatchGetAccountStatusCommand,
  type Inspector2Client,
  type Finding as InspectorFinding,
  paginateListCoverage,
  paginateListFindings,
} from '@aws-sdk/client-inspector2';
import type { ImageCoverage, InspectorStatus, Vulnerability } from '../../core/checks/images/ports';
import { callAws, collectPages } from '../call';
import { required } from '../required';

const BATCH_GET_ACCOUNT_STATUS = 'inspector2:BatchGetAccountStatus';
const LIST_COVERAGE = 'inspector2:ListCoverage';
const LIST_FINDINGS = 'inspector2:ListFindings';

/** ListCoverage's largest page. */
export const COVERAGE_PAGE_SIZE = 200;
/** ListFindings' largest page. */
export const FINDINGS_PAGE_SIZE = 100;

/** Inspector's state for ECR in the caller's account (no account ids asked: the caller's own). */
export async function inspectorStatus(client: Inspector2Client): Promise<InspectorStatus> {
  const answer = await callAws(BATCH_GET_ACCOUNT_STATUS, () =>
    client.send(new BatchGetAccountStatusCommand({})),
  );
  const [account] = required(BATCH_GET_ACCOUNT_STATUS, 'accounts', answer.accounts);
  const own = required(BATCH_GET_ACCOUNT_STATUS, 'accounts[0]', account);
  return {
    accountId: required(BATCH_GET_ACCOUNT_STATUS, 'accounts[].accountId', own.accountId),
    ecr: required(
      BATCH_GET_ACCOUNT_STATUS,
      'accounts[].resourceState.ecr.status',
      own.resourceState?.ecr?.status,
    ),
  };
}

/** Inspector's coverage of one image, by its resource id, 200 to a page. */
export async function imageCoverage(
  client: Inspector2Client,
  image: { repository: string; digest: string; arn: string },
): Promise<ImageCoverage[]> {
  const resources = await collectPages(
    LIST_COVERAGE,
    paginateListCoverage(
      { client },
      {
        maxResults: COVERAGE_PAGE_SIZE,
        filterCriteria: {
          resourceType: [{ comparison: 'EQUALS', value: 'AWS_ECR_CONTAINER_IMAGE' }],
          ecrRepositoryName: [{ comparison: 'EQUALS', value: image.repository }],
          resourceId: [{ comparison: 'EQUALS', value: image.arn }],
        },
      },
    ),
    (page) => page.coveredResources,
  );
  return resources.map((r) => ({
    resourceId: required(LIST_COVERAGE, 'coveredResources[].resourceId', r.resourceId),
    statusCode: required(LIST_COVERAGE, 'coveredResources[].scanStatus.statusCode', r.scanStatus?.statusCode),
    ...(r.scanStatus?.reason === undefined ? {} : { statusReason: r.scanStatus.reason }),
    ...(r.lastScannedAt === undefined ? {} : { lastScannedAt: r.lastScannedAt }),
  }));
}

/** A package vulnerability finding as the check reads it; a missing id or severity is malformed. */
export function toVulnerability(finding: InspectorFinding): Vulnerability {
  const details = required(
    LIST_FINDINGS,
    'findings[].packageVulnerabilityDetails',
    finding.packageVulnerabilityDetails,
  );
  return {
    id: required(
      LIST_FINDINGS,
      'findings[].packageVulnerabilityDetails.vulnerabilityId',
      details.vulnerabilityId,
    ),
    severity: required(LIST_FINDINGS, 'findings[].severity', finding.severity),
    packages: (details.vulnerablePackages ?? []).map((p) => ({
      name: required(
        LIST_FINDINGS,
        'findings[].packageVulnerabilityDetails.vulnerablePackages[].name',
        p.name,
      ),
      ...(p.version === undefined ? {} : { version: p.version }),
      ...(p.fixedInVersion === undefined || p.fixedInVersion === 'NotAvailable'
        ? {}
        : { fixedIn: p.fixedInVersion }),
    })),
  };
}

/** The active package vulnerabilities of one image (by digest and repository) of the given severities, 100 to a page. */
export async function imageFindings(
  client: Inspector2Client,
  image: { repository: string; digest: string },
  severities: readonly string[],
): Promise<Vulnerability[]> {
  const findings = await collectPages(
    LIST_FINDINGS,
    paginateListFindings(
      { client },
      {
        maxResults: FINDINGS_PAGE_SIZE,
        filterCriteria: {
          ecrImageHash: [{ comparison: 'EQUALS', value: image.digest }],
          ecrImageRepositoryName: [{ comparison: 'EQUALS', value: image.repository }],
          findingStatus: [{ comparison: 'EQUALS', value: 'ACTIVE' }],
          findingType: [{ comparison: 'EQUALS', value: 'PACKAGE_VULNERABILITY' }],
          severity: severities.map((value) => ({ comparison: 'EQUALS' as const, value })),
        },
      },
    ),
    (page) => page.findings,
  );
  return findings.map(toVulnerability);
}
