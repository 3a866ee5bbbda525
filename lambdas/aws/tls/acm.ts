import {
  type ACMClient,
  CertificateStatus,
  type CertificateSummary,
  DescribeCertificateCommand,
  KeyAlgorithm,
  paginateListCertificates,
} from '@aws-sdk/client-acm';
import type { AcmCertificate, AcmRenewal } from '../../core/checks/tls/ports';
import { callAws, collectPages } from '../call';
import { readEach } from '../each-resource';
import { optionalDate } from '../required';

const LIST_CERTIFICATES = 'acm:ListCertificates';

/**
 * Every key type. ListCertificates returns only RSA_2048 certificates unless told otherwise, which
 * would hide exactly the weak (RSA_1024) and the EC ones.
 */
export const ALL_KEY_TYPES: KeyAlgorithm[] = Object.values(KeyAlgorithm);
/** Every status, so expired, failed and revoked certificates are seen too. */
export const ALL_STATUSES: CertificateStatus[] = Object.values(CertificateStatus);

function toCertificate(summary: CertificateSummary): AcmCertificate | undefined {
  if (summary.CertificateArn === undefined) return undefined;
  return {
    arn: summary.CertificateArn,
    domainName: summary.DomainName ?? null,
    type: summary.Type ?? null,
    status: summary.Status ?? null,
    inUse: summary.InUse ?? null,
    exported: summary.Exported ?? null,
    keyAlgorithm: summary.KeyAlgorithm ?? null,
    renewalEligibility: summary.RenewalEligibility ?? null,
    notBefore:
      optionalDate(LIST_CERTIFICATES, 'CertificateSummaryList[].NotBefore', summary.NotBefore) ?? null,
    notAfter: optionalDate(LIST_CERTIFICATES, 'CertificateSummaryList[].NotAfter', summary.NotAfter) ?? null,
  };
}

/** Every certificate of the region, from the list call alone (it carries dates, type, key and use). */
export async function listAcmCertificates(client: ACMClient): Promise<AcmCertificate[]> {
  const summaries = await collectPages(
    LIST_CERTIFICATES,
    paginateListCertificates(
      { client, pageSize: 1000 },
      { Includes: { keyTypes: ALL_KEY_TYPES }, CertificateStatuses: ALL_STATUSES },
    ),
    (page) => page.CertificateSummaryList,
  );
  return readEach(
    LIST_CERTIFICATES,
    summaries,
    (summary) => ({ arn: summary.CertificateArn, names: [summary.DomainName] }),
    (summary) => toCertificate(summary) ?? [],
  ).flat();
}

/** The managed-renewal summary of one certificate, which only DescribeCertificate carries. */
export async function getAcmRenewal(client: ACMClient, certificateArn: string): Promise<AcmRenewal> {
  const response = await callAws('acm:DescribeCertificate', () =>
    client.send(new DescribeCertificateCommand({ CertificateArn: certificateArn })),
  );
  const summary = response.Certificate?.RenewalSummary;
  return {
    status: summary?.RenewalStatus ?? null,
    reason: summary?.RenewalStatusReason ?? null,
    updatedAt: summary?.UpdatedAt ?? null,
  };
}
