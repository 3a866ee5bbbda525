import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditOutcome } from '../../lambdas/handlers/audit/contract';
import { type ExtractedStateMachine, extractStateMachine } from '../harness/asl';
import { runLocally } from '../harness/run';
import { synthPreflight } from '../harness/synth';

describe('audit state machine', () => {
  let machine: ExtractedStateMachine;

  beforeAll(() => {
    const { template } = synthPreflight({ notifications: { emails: ['oncall@example.com'] } });
    machine = extractStateMachine(template, 'AuditStateMachine');
  });

  describe('invalid input', () => {
    it('fails fast naming the field, before any check runs', async () => {
      const run = await runLocally(machine, { service: 'orders', checks: ['no-such-check'] });

      expect(run.error?.name).toBe('InvalidInputError');
      expect(run.error?.cause).toMatch(/checks: unknown no-such-check/);
      expect(run.statesEntered).not.toContain('Run check');
      expect(run.published).toEqual([]);
    });

    it('rejects fields it does not know', async () => {
      const run = await runLocally(machine, { servce: 'orders' });

      expect(run.error?.name).toBe('InvalidInputError');
      expect(run.error?.cause).toMatch(/servce/);
    });
  });

  describe('a check task that keeps failing', () => {
    it('becomes an ERROR finding for that check and the verdict is ERROR, not PASS', async () => {
      const run = await runLocally(
        machine,
        { service: 'orders', environment: 'prod', checks: ['alarms'] },
        {
          tasks: {
            'Run check': async () => {
              throw Object.assign(new Error('Task timed out after 300 seconds'), { name: 'States.Timeout' });
            },
          },
        },
      );

      const output = run.output as unknown as Pick<AuditOutcome, 'verdict' | 'blockingItems' | 'report'>;
      expect(output.verdict).toBe('ERROR');
      expect(output.blockingItems).toEqual(['infrastructure.monitoring-alerting', 'realtime.alert-rules']);
      const finding = output.report.findings.find((f) => f.checkId === 'alarms');
      expect(finding).toMatchObject({ status: 'ERROR', rule: 'run' });
      expect(finding?.message).toMatch(/States\.Timeout/);
      expect(run.published).toHaveLength(1);
      expect(run.published[0]?.subject).toBe('Preflight ERROR: orders prod (2 blocking)');
    });
  });
});
