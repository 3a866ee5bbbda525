import { ListCertificatesCommand } from '@aws-sdk/client-acm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ExtractedStateMachine } from '../harness/asl';
import { stubHealthyAccount } from '../support/account-stubs';
import { restoreEnvironment, saveEnvironment } from '../support/environment';
import { stubS3 } from '../support/s3-stub';
import { ALL_ATTESTATIONS, auditMachineFor, NOW, runAudit } from './audit-machine';

/*
 * The audit machine puts its verdict on the default event bus, as documented in docs/events.md:
 * every gate's final verdict, and a scheduled run's posture change. Delivery fails open: a failed
 * PutEvents is counted and alarmed, and never changes the verdict or stops the notification.
 */

const s3 = stubS3();
const account = stubHealthyAccount(NOW);
const environmentBefore = saveEnvironment();
afterAll(() => {
  restoreEnvironment(environmentBefore);
  s3.mock.restore();
  account.restore();
});

function expiringCertificate() {
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
}

const putEventsFails = {
  'Put events': async (): Promise<never> => {
    throw Object.assign(new Error('1 of 1 entries failed'), { name: 'EventBridge.FailedEntry' });
  },
};

let machine: ExtractedStateMachine;
beforeAll(() => {
  machine = auditMachineFor({ notifications: { emails: ['oncall@example.com'] } });
});
beforeEach(() => {
  s3.install();
  account.install();
});

describe('audit state machine: events on the default bus', () => {
  describe('a gate', () => {
    it('puts its verdict as a Preflight Gate Verdict event, with the counts and the report', async () => {
      expiringCertificate();

      const run = await runAudit(s3, machine, { attestations: ALL_ATTESTATIONS });

      expect(run.output?.verdict).toBe('FAIL');
      expect(run.events).toHaveLength(1);
      const [event] = run.events;
      expect(event?.source).toBe('preflight');
      expect(event?.detailType).toBe('Preflight Gate Verdict');
      expect(event?.eventBusName).toBeUndefined();
      expect(event?.detail).toEqual({
        version: '1',
        // No services configured: the whole account, as the report names it.
        service: 'account',
        environment: 'default',
        account: null,
        region: null,
        regions: [],
        verdict: 'FAIL',
        counts: run.output?.counts,
        runId: 'deploy-42',
        summary: expect.stringContaining('FAIL'),
        links: {
          report: run.output?.reportLocation.json,
          reportMarkdown: run.output?.reportLocation.markdown,
        },
        blockingItems: run.output?.blockingItems,
      });
      expect(run.published).toHaveLength(1);
    });

    it('puts a passing verdict too', async () => {
      const run = await runAudit(s3, machine, { attestations: ALL_ATTESTATIONS });

      expect(run.output?.verdict).toBe('PASS');
      expect(run.events.map((e) => [e.detailType, (e.detail as { verdict: string }).verdict])).toEqual([
        ['Preflight Gate Verdict', 'PASS'],
      ]);
    });

    it('keeps its verdict and still notifies when PutEvents fails, counting the failure', async () => {
      expiringCertificate();

      const run = await runAudit(s3, machine, { attestations: ALL_ATTESTATIONS }, { tasks: putEventsFails });

      expect(run.error).toBeUndefined();
      expect(run.output?.verdict).toBe('FAIL');
      expect(run.published).toHaveLength(1);
      expect(run.sdkCalls).toEqual([
        expect.objectContaining({
          service: 'cloudwatch',
          action: 'putMetricData',
          parameters: expect.objectContaining({
            Namespace: 'Preflight',
            MetricData: [expect.objectContaining({ MetricName: 'EventsFailed', Value: 1 })],
          }),
        }),
      ]);
    });
  });

  describe('a scheduled audit', () => {
    it('puts a Preflight Posture Changed event when something failed anew, and none when nothing changed', async () => {
      expiringCertificate();
      const first = await runAudit(s3, machine, { mode: 'scheduled' }, { name: 'day-1' });
      s3.install({ clear: false });
      const second = await runAudit(s3, machine, { mode: 'scheduled' }, { name: 'day-2' });

      expect(first.events.map((e) => e.detailType)).toEqual(['Preflight Posture Changed']);
      expect(first.events[0]?.detail).toMatchObject({ verdict: 'FAIL', runId: 'day-1' });
      expect(second.output?.verdict).toBe('FAIL');
      expect(second.published).toEqual([]);
      expect(second.events).toEqual([]);
    });
  });
});
