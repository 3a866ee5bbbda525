import {
  ACMClient,
  DescribeCertificateCommand,
  ListCertificatesCommand,
  type ListCertificatesCommandInput,
} from '@aws-sdk/client-acm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { getAcmRenewal, listAcmCertificates } from '../../../lambdas/aws/tls/acm';
import { tlsPorts } from '../../../lambdas/aws/tls/index';
import { tlsChecks } from '../../../lambdas/core/checks/tls/definitions';
import type { AccountPorts } from '../../../lambdas/core/checks/types';
import { ConfigSchema } from '../../../lambdas/core/config/schema';
import { AwsCallError } from '../../../lambdas/core/errors';

const acm = mockClient(ACMClient);

afterAll(() => {
  acm.restore();
});
const client = new ACMClient({ region: 'eu-west-1' });
const now = new Date('2026-03-01T12:00:00Z');
const arn = (id: string) => `arn:aws:acm:eu-west-1:111122223333:certificate/${id}`;
const accessDenied = Object.assign(new Error('User is not authorized to perform acm:DescribeCertificate'), {
  name: 'AccessDeniedException',
  $metadata: { httpStatusCode: 400 },
});

beforeEach(() => {
  acm.reset();
});

describe('listAcmCertificates', () => {
  it('asks for every key type and every status, and follows NextToken across pages', async () => {
    acm
      .on(ListCertificatesCommand)
      .resolvesOnce({
        CertificateSummaryList: [
          {
            CertificateArn: arn('a'),
            DomainName: 'api.example.com',
            Type: 'AMAZON_ISSUED',
            Status: 'ISSUED',
            InUse: true,
            Exported: false,
            KeyAlgorithm: 'RSA_2048',
            RenewalEligibility: 'ELIGIBLE',
            NotBefore: new Date('2025-06-01T00:00:00Z'),
            NotAfter: new Date('2026-07-01T00:00:00Z'),
          },
        ],
        NextToken: 'page-2',
      })
      .resolvesOnce({
        CertificateSummaryList: [
          { CertificateArn: arn('b'), KeyAlgorithm: 'RSA_1024' },
          { DomainName: 'no-arn' },
        ],
      });

    const certificates = await listAcmCertificates(client);

    expect(certificates).toEqual([
      {
        arn: arn('a'),
        domainName: 'api.example.com',
        type: 'AMAZON_ISSUED',
        status: 'ISSUED',
        inUse: true,
        exported: false,
        keyAlgorithm: 'RSA_2048',
        renewalEligibility: 'ELIGIBLE',
        notBefore: new Date('2025-06-01T00:00:00Z'),
        notAfter: new Date('2026-07-01T00:00:00Z'),
      },
      {
        arn: arn('b'),
        domainName: null,
        type: null,
        status: null,
        inUse: null,
        exported: null,
        keyAlgorithm: 'RSA_1024',
        renewalEligibility: null,
        notBefore: null,
        notAfter: null,
      },
    ]);
    expect(acm.commandCalls(ListCertificatesCommand)).toHaveLength(2);
    const first = acm.commandCalls(ListCertificatesCommand)[0]?.args[0].input as ListCertificatesCommandInput;
    expect([...(first.Includes?.keyTypes ?? [])].sort()).toEqual(
      [
        'EC_prime256v1',
        'EC_secp384r1',
        'EC_secp521r1',
        'RSA_1024',
        'RSA_2048',
        'RSA_3072',
        'RSA_4096',
      ].sort(),
    );
    expect(first.CertificateStatuses).toEqual(
      expect.arrayContaining(['ISSUED', 'EXPIRED', 'PENDING_VALIDATION', 'FAILED', 'REVOKED', 'INACTIVE']),
    );
    expect(acm.commandCalls(ListCertificatesCommand)[1]?.args[0].input).toMatchObject({
      NextToken: 'page-2',
    });
  });

  it('turns AccessDenied into an AwsCallError naming acm:ListCertificates', async () => {
    acm
      .on(ListCertificatesCommand)
      .rejects(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' }));

    const error = await listAcmCertificates(client).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AwsCallError);
    expect(error).toMatchObject({ action: 'acm:ListCertificates', kind: 'access-denied' });
  });
});

describe('getAcmRenewal', () => {
  it('reads the RenewalSummary of the certificate', async () => {
    acm.on(DescribeCertificateCommand, { CertificateArn: arn('a') }).resolves({
      Certificate: {
        CertificateArn: arn('a'),
        RenewalSummary: {
          RenewalStatus: 'FAILED',
          RenewalStatusReason: 'CAA_ERROR',
          DomainValidationOptions: [],
          UpdatedAt: new Date('2026-02-20T00:00:00Z'),
        },
      },
    });

    await expect(getAcmRenewal(client, arn('a'))).resolves.toEqual({
      status: 'FAILED',
      reason: 'CAA_ERROR',
      updatedAt: new Date('2026-02-20T00:00:00Z'),
    });
  });

  it('gives nulls when no renewal has started', async () => {
    acm.on(DescribeCertificateCommand).resolves({ Certificate: { CertificateArn: arn('a') } });

    await expect(getAcmRenewal(client, arn('a'))).resolves.toEqual({
      status: null,
      reason: null,
      updatedAt: null,
    });
  });
});

describe('acm-certificates over the ACM adapter', () => {
  it('reports an ERROR renewal finding for a denied DescribeCertificate and still judges the rest', async () => {
    acm.on(ListCertificatesCommand).resolves({
      CertificateSummaryList: [
        {
          CertificateArn: arn('soon'),
          DomainName: 'www.example.com',
          Type: 'AMAZON_ISSUED',
          Status: 'ISSUED',
          InUse: true,
          KeyAlgorithm: 'EC_prime256v1',
          NotAfter: new Date('2026-03-21T12:00:00Z'),
        },
        {
          CertificateArn: arn('later'),
          DomainName: 'api.example.com',
          Type: 'AMAZON_ISSUED',
          Status: 'ISSUED',
          InUse: true,
          KeyAlgorithm: 'RSA_2048',
          NotAfter: new Date('2026-12-01T00:00:00Z'),
        },
      ],
    });
    acm.on(DescribeCertificateCommand).rejects(accessDenied);
    const account = {
      tls: tlsPorts({ acm: client, probe: async () => Promise.reject(new Error('unused')) }),
    };
    const settings = ConfigSchema.parse({}).checks['acm-certificates'];

    const findings = await tlsChecks['acm-certificates'].run(account as AccountPorts, settings, now);

    // Only the certificate inside ACM's 60-day renewal window is described.
    expect(acm.commandCalls(DescribeCertificateCommand).map((call) => call.args[0].input)).toEqual([
      { CertificateArn: arn('soon') },
    ]);
    expect(findings.find((f) => f.rule === 'renewal')).toMatchObject({
      resource: arn('soon'),
      status: 'ERROR',
      message: expect.stringContaining('acm:DescribeCertificate was denied'),
      remediation: 'Allow acm:DescribeCertificate for the role Preflight runs as.',
    });
    expect(findings.filter((f) => f.resource === arn('soon')).map((f) => [f.rule, f.status])).toEqual([
      ['status', 'PASS'],
      ['expiry', 'WARN'],
      ['key-size', 'PASS'],
      ['renewal', 'ERROR'],
    ]);
    expect(findings.filter((f) => f.resource === arn('later')).map((f) => f.status)).toEqual([
      'PASS',
      'PASS',
      'PASS',
    ]);
  });
});
