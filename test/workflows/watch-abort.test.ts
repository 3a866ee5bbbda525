import { StopDeploymentCommand } from '@aws-sdk/client-codedeploy';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_ABORT_TEXT_BYTES } from '../../lambdas/core/watch/abort';
import type { ExtractedStateMachine } from '../harness/asl';
import {
  bucketOf,
  CODEDEPLOY,
  codedeploy,
  DEPLOYMENT,
  HEALTHY,
  historyEvent,
  historyKinds,
  METRICS,
  machineFor,
  messages,
  metricsFrom,
  realTask,
  rollbackCalls,
  s3,
  stubWatchAccount,
  watch,
} from './watch-fixtures';

stubWatchAccount();

/*
 * A manual abort, read by the synthesized watch machine at every step: any object at the abort key
 * aborts, whatever its form; one requested before the watch started is reported and ignored; a long
 * note is capped and carried once, so the state stays far below the 256 KB Step Functions limit.
 */

const BY = 'arn:aws:sts::123456789012:assumed-role/oncall/ana';
const STATE_LIMIT = 256 * 1024;
const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

describe('watch state machine: manual abort', () => {
  let machine: ExtractedStateMachine;
  let abortKey: string;
  beforeAll(() => {
    machine = machineFor({ watch: { minutes: 10, metrics: METRICS, rollback: CODEDEPLOY } });
    abortKey = `${bucketOf(machine)}/watches/${DEPLOYMENT}/abort.json`;
  });

  /** The abort object appears between the third and the fourth step. */
  const abortLater = (body: string) =>
    metricsFrom(HEALTHY, (n) => {
      if (n === 4) s3.objects.set(abortKey, body);
    });

  describe('whatever its form, an abort object aborts', () => {
    it.each([
      ['an empty object', '', 'the object is empty'],
      ['text that is not JSON', 'STOP THE RELEASE', 'the object is not JSON'],
      [
        'JSON without a reason code',
        JSON.stringify({ by: BY, requestedAt: '2026-11-26T10:05:00Z' }),
        'it has no reason code',
      ],
    ])('%s: ROLLBACK with reason other, saying it could not be read', async (_, body, why) => {
      abortLater(body);

      const run = await watch(machine);

      expect(run.output).toMatchObject({
        decision: 'ROLLBACK',
        trigger: null,
        decidedAt: '2026-11-26T10:07:00.000Z',
        reason: `manual abort (other): an abort request was found but could not be read (${why}); aborting anyway`,
      });
      expect(codedeploy).toHaveReceivedCommandTimes(StopDeploymentCommand, 1);
      expect(historyKinds()).toEqual(['watch-started', 'abort', 'rollback', 'watch-decided']);
      expect(historyEvent('abort')).toMatchObject({ reasonCode: 'other' });
      expect(messages(run).sms).toBe(
        `Preflight ROLLBACK orders prod: manual abort (other). Dep ${DEPLOYMENT}`,
      );
    });
  });

  describe('an abort from before the watch started', () => {
    it('is reported in the steps and never acted on: the watch PROCEEDs', async () => {
      const yesterday = new Date('2026-11-25T17:30:00Z');
      s3.objects.set(
        abortKey,
        JSON.stringify({
          deploymentId: DEPLOYMENT,
          reason: 'data-corruption',
          text: 'the previous release',
          by: BY,
          requestedAt: yesterday.toISOString(),
        }),
      );
      s3.lastModified.set(abortKey, yesterday);
      metricsFrom(HEALTHY);
      const steps: unknown[] = [];
      const evaluate = realTask(machine, 'lambdas/handlers/watch/evaluate.ts');

      const run = await watch(machine, undefined, {
        tasks: {
          Evaluate: async (input) => {
            const step = await evaluate(input);
            steps.push(step);
            return step;
          },
        },
      });

      expect(run.output?.decision).toBe('PROCEED');
      expect(rollbackCalls()).toBe(0);
      expect(historyKinds()).toEqual(['watch-started', 'watch-decided']);
      expect(steps.length).toBeGreaterThan(0);
      for (const step of steps) {
        expect(step).toMatchObject({
          staleAbort: {
            requestedAt: '2026-11-25T17:30:00.000Z',
            reason: 'data-corruption',
            detail: expect.stringMatching(
              /before the watch started at 2026-11-26T10:00:30\.000Z, was ignored/,
            ),
          },
        });
      }
    });

    it('is stale by when S3 stored it when it cannot be read', async () => {
      s3.objects.set(abortKey, '');
      s3.lastModified.set(abortKey, new Date('2026-11-20T08:00:00Z'));
      metricsFrom(HEALTHY);

      const run = await watch(machine);

      expect(run.output?.decision).toBe('PROCEED');
      expect(rollbackCalls()).toBe(0);
    });
  });

  describe('a note far longer than any abort needs', () => {
    it('is capped and carried once: every step and the act input stay far below 256 KB', async () => {
      const note = 'orders written twice; '.repeat(20_000); // about 440 KB
      abortLater(
        JSON.stringify({
          deploymentId: DEPLOYMENT,
          reason: 'data-corruption',
          text: note,
          by: BY,
          requestedAt: '2026-11-26T10:05:10Z',
        }),
      );
      const steps: unknown[] = [];
      const actInputs: unknown[] = [];
      const evaluate = realTask(machine, 'lambdas/handlers/watch/evaluate.ts');
      const act = realTask(machine, 'lambdas/handlers/watch/act.ts');

      const run = await watch(machine, undefined, {
        tasks: {
          Evaluate: async (input) => {
            const step = await evaluate(input);
            steps.push(step);
            return step;
          },
          Act: async (input) => {
            actInputs.push(input);
            return act(input);
          },
        },
      });

      expect(run.output).toMatchObject({ decision: 'ROLLBACK', trigger: null });
      expect(run.output?.reason).toMatch(
        /^manual abort \(data-corruption\): orders written twice; .* \[truncated\]$/,
      );
      expect(codedeploy).toHaveReceivedCommandTimes(StopDeploymentCommand, 1);
      const kept = historyEvent('abort')?.text as string;
      expect(Buffer.byteLength(kept, 'utf8')).toBeLessThanOrEqual(MAX_ABORT_TEXT_BYTES);
      expect(actInputs).toHaveLength(1);
      const actInput = actInputs[0];
      expect(bytes(actInput)).toBeLessThan(STATE_LIMIT / 8);
      for (const step of steps) expect(bytes(step)).toBeLessThan(STATE_LIMIT / 8);
      // The note travels once: in the state's abort, not again in the decision or its reason.
      expect(JSON.stringify(actInput).split(kept).length - 1).toBe(1);
    });
  });
});
