import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { EnvironmentRollbackRequest } from '../../../lambdas/aws/environment-rollbacks';
import type { ReportStore } from '../../../lambdas/aws/report-store';
import type { RollbackResult } from '../../../lambdas/aws/rollback';
import { rollbackOnce } from '../../../lambdas/handlers/watch/rollback-once';

/** A report store in memory. */
function memoryStore(): ReportStore & { objects: Map<string, string> } {
  const objects = new Map<string, string>();
  return {
    bucket: 'reports',
    objects,
    putJson: async (key, value) => {
      objects.set(key, JSON.stringify(value));
      return `s3://reports/${key}`;
    },
    putText: async (key, text) => {
      objects.set(key, text);
      return `s3://reports/${key}`;
    },
    getJson: async <T>(key: string) => {
      const text = objects.get(key);
      return text === undefined ? undefined : (JSON.parse(text) as T);
    },
    putJsonIfAbsent: async (key, value) => {
      if (objects.has(key)) return 'exists';
      objects.set(key, JSON.stringify(value));
      return 'written';
    },
  };
}

const REQUEST: EnvironmentRollbackRequest = {
  action: {
    action: 'codedeploy',
    deploymentGroups: [{ applicationName: 'orders', deploymentGroupName: 'orders-prod' }],
  },
  deploymentId: 'd-4EXAMPLE1',
  service: 'orders',
  environment: 'prod',
  runId: 'd-4EXAMPLE1',
  decision: {},
  evidence: [],
  where: { account: '123456789012', region: 'us-east-1' },
  reach: { name: 'prod', regions: [], configured: false },
};
const DONE: RollbackResult = { action: 'codedeploy', succeeded: true, detail: 'stopped' };
const KEY = 'watches/d-4EXAMPLE1/rollback.json';

describe('rollbackOnce', () => {
  let store: ReturnType<typeof memoryStore>;
  const run = vi.fn(async () => DONE);
  beforeEach(() => {
    store = memoryStore();
    run.mockClear();
  });

  it('runs the action and records its result', async () => {
    const result = await rollbackOnce(store, { run }, REQUEST);

    expect(result).toEqual(DONE);
    expect(run).toHaveBeenCalledTimes(1);
    expect(JSON.parse(store.objects.get(KEY) ?? '{}')).toMatchObject({ runId: 'd-4EXAMPLE1', result: DONE });
  });

  it('returns the recorded result on a retry without acting again', async () => {
    await rollbackOnce(store, { run }, REQUEST);

    const again = await rollbackOnce(store, { run }, REQUEST);

    expect(again).toEqual(DONE);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('does not act again after an attempt that started but never recorded its outcome', async () => {
    store.objects.set(
      KEY,
      JSON.stringify({ runId: 'd-4EXAMPLE1', action: 'codedeploy', startedAt: '2026-11-26T10:08:01Z' }),
    );

    const result = await rollbackOnce(store, { run }, REQUEST);

    expect(run).not.toHaveBeenCalled();
    expect(result).toMatchObject({
      succeeded: false,
      detail: expect.stringMatching(/outcome is unknown; it is not run twice/),
    });
  });

  it('ignores the record of another run', async () => {
    store.objects.set(
      KEY,
      JSON.stringify({ runId: 'older-run', action: 'codedeploy', startedAt: 'x', result: DONE }),
    );

    await rollbackOnce(store, { run }, REQUEST);

    expect(run).toHaveBeenCalledTimes(1);
  });
});
