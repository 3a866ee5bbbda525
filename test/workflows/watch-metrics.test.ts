import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_METRICS } from '../../lambdas/core/metrics';
import type { ExtractedStateMachine } from '../harness/asl';
import { captureEmf } from '../support/emf';
import {
  breaking,
  CODEDEPLOY,
  HEALTHY,
  METRICS,
  machineFor,
  metricsFrom,
  stubWatchAccount,
  watch,
} from './watch-fixtures';

stubWatchAccount();

/*
 * The watch's act function emits its decision, the rollback it ran and the time from the deciding
 * trigger's first breach to the decision as embedded metrics (namespace Preflight, dimensions
 * Service and Environment only): what the dashboard's watch widgets read.
 */

const emf = captureEmf();

describe('watch state machine: embedded metrics', () => {
  let machine: ExtractedStateMachine;
  beforeAll(() => {
    machine = machineFor({ watch: { minutes: 10, metrics: METRICS, rollback: CODEDEPLOY } });
  });

  it('ROLLBACK: WatchRollback 1, the rollback that ran, and seconds from the first breach to the decision', async () => {
    metricsFrom(breaking('errors', 200, 2));

    const run = await watch(machine);

    expect(run.output?.decision).toBe('ROLLBACK');
    const metrics = emf.metrics();
    expect(metrics.map((m) => m.name)).toEqual([
      FUNCTION_METRICS.watchProceed,
      FUNCTION_METRICS.watchRollback,
      FUNCTION_METRICS.watchInconclusive,
      FUNCTION_METRICS.rollbacks,
      FUNCTION_METRICS.rollbacksFailed,
      FUNCTION_METRICS.breachToDecision,
    ]);
    for (const m of metrics) {
      expect(m.namespace).toBe('Preflight');
      expect(m.dimensions).toEqual({ Service: 'orders', Environment: 'prod' });
    }
    const value = Object.fromEntries(metrics.map((m) => [m.name, m.value]));
    expect(value).toMatchObject({
      WatchProceed: 0,
      WatchRollback: 1,
      WatchInconclusive: 0,
      Rollbacks: 1,
      RollbacksFailed: 0,
    });
    const breach = metrics.find((m) => m.name === FUNCTION_METRICS.breachToDecision);
    expect(breach?.unit).toBe('Seconds');
    // The errors broke from minute 2 of a 10-minute watch: the decision came minutes, not hours, later.
    expect(breach?.value).toBeGreaterThan(0);
    expect(breach?.value).toBeLessThan(15 * 60);
  });

  it('PROCEED: WatchProceed 1, no rollback, no breach time', async () => {
    metricsFrom(HEALTHY);

    const run = await watch(machine);

    expect(run.output?.decision).toBe('PROCEED');
    expect(Object.fromEntries(emf.metrics().map((m) => [m.name, m.value]))).toEqual({
      WatchProceed: 1,
      WatchRollback: 0,
      WatchInconclusive: 0,
    });
  });
});
