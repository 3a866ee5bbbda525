import { ListCertificatesCommand } from '@aws-sdk/client-acm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FUNCTION_METRICS } from '../../lambdas/core/metrics';
import type { ExtractedStateMachine } from '../harness/asl';
import { stubHealthyAccount } from '../support/account-stubs';
import { captureEmf } from '../support/emf';
import { restoreEnvironment, saveEnvironment } from '../support/environment';
import { stubS3 } from '../support/s3-stub';
import { ALL_ATTESTATIONS, auditMachineFor, NOW, runAudit } from './audit-machine';

/*
 * The audit machine's report function emits the verdict and the blocking items of each run as
 * embedded metrics (namespace Preflight, dimensions Service and Environment only): what the
 * dashboard's verdict widgets read (test/lib/dashboard.test.ts checks they read these names).
 */

const s3 = stubS3();
const account = stubHealthyAccount(NOW);
const environmentBefore = saveEnvironment();
afterAll(() => {
  restoreEnvironment(environmentBefore);
  s3.mock.restore();
  account.restore();
});
const emf = captureEmf();

let machine: ExtractedStateMachine;
beforeAll(() => {
  machine = auditMachineFor({ notifications: { emails: ['oncall@example.com'] } });
});
beforeEach(() => {
  s3.install();
  account.install();
});

const VERDICT_METRICS = [
  FUNCTION_METRICS.verdictPass,
  FUNCTION_METRICS.verdictFail,
  FUNCTION_METRICS.verdictError,
  FUNCTION_METRICS.blockingItems,
];

describe('audit state machine: embedded metrics', () => {
  it('a failing gate: VerdictFail 1, the others 0, and its blocking items, per service and environment', async () => {
    account.mocks.acm.on(ListCertificatesCommand).resolves({
      CertificateSummaryList: [
        {
          CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/expiring',
          DomainName: 'shop.example.com',
          Type: 'IMPORTED',
          Status: 'ISSUED',
          InUse: true,
          KeyAlgorithm: 'RSA_2048',
          NotAfter: account.days(3),
        },
      ],
    });

    const run = await runAudit(s3, machine, { attestations: ALL_ATTESTATIONS });

    expect(run.output?.verdict).toBe('FAIL');
    const metrics = emf.metrics();
    expect(metrics.map((m) => m.name)).toEqual(VERDICT_METRICS);
    for (const m of metrics) {
      expect(m.namespace).toBe('Preflight');
      expect(m.dimensions).toEqual({ Service: 'account', Environment: 'default' });
    }
    const value = Object.fromEntries(metrics.map((m) => [m.name, m.value]));
    expect(value).toEqual({
      VerdictPass: 0,
      VerdictFail: 1,
      VerdictError: 0,
      BlockingItems: run.output?.blockingItems.length,
    });
    expect(value.BlockingItems).toBeGreaterThan(0);
  });

  it('a passing scheduled audit: VerdictPass 1 and no blocking items', async () => {
    const run = await runAudit(s3, machine, { mode: 'scheduled' });

    expect(run.output?.verdict).toBe('PASS');
    expect(Object.fromEntries(emf.metrics().map((m) => [m.name, m.value]))).toEqual({
      VerdictPass: 1,
      VerdictFail: 0,
      VerdictError: 0,
      BlockingItems: 0,
    });
  });
});
