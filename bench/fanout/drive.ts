import { type ChildProcess, fork } from 'node:child_process';
import * as path from 'node:path';
import type { ChildOutcome } from '../../lambdas/core/fanout/outcomes';
import type { TargetPlan } from '../../lambdas/core/fanout/targets';
import { HOME_KEY } from './endpoint';
import type { FromWorker, ToWorker } from './protocol';

/*
 * The benchmark's side of the fan-out: worker processes (this machine's cores, standing in for the
 * Lambda functions every child gets in AWS) and a dispatcher that plays the Map Run, starting the
 * next target whenever one finishes, never more than MaxConcurrency at once.
 */

const WORKER = path.join(__dirname, 'worker.ts');

/** One target as the dispatcher saw it finish. */
export interface TargetRun {
  readonly index: number;
  readonly wallMs: number;
  readonly taskMs: number;
  readonly outcome: ChildOutcome;
}

export class WorkerPool {
  private readonly waiting = new Map<ChildProcess, Array<(message: FromWorker) => boolean>>();

  private constructor(readonly workers: readonly ChildProcess[]) {
    for (const worker of workers) {
      this.waiting.set(worker, []);
      worker.on('message', (message: FromWorker) => {
        const listeners = this.waiting.get(worker) ?? [];
        const index = listeners.findIndex((accept) => accept(message));
        if (index >= 0) listeners.splice(index, 1);
      });
    }
  }

  static async start(count: number, endpoint: string): Promise<WorkerPool> {
    const workers = Array.from({ length: count }, () =>
      fork(WORKER, [], {
        execArgv: ['--import', 'tsx'],
        env: {
          ...process.env,
          BENCH_ENDPOINT: endpoint,
          AWS_ACCESS_KEY_ID: HOME_KEY,
          AWS_SECRET_ACCESS_KEY: HOME_KEY,
          AWS_REGION: 'eu-west-1',
        },
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      }),
    );
    const pool = new WorkerPool(workers);
    await Promise.all(workers.map((w) => pool.next(w, 'ready')));
    return pool;
  }

  /** The next message of `type` from `worker`. */
  next<T extends FromWorker['type']>(
    worker: ChildProcess,
    type: T,
  ): Promise<Extract<FromWorker, { type: T }>> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`fan-out worker exited with ${code}`));
      worker.once('exit', onExit);
      this.waiting.get(worker)?.push((message) => {
        if (message.type !== type) return false;
        worker.off('exit', onExit);
        resolve(message as Extract<FromWorker, { type: T }>);
        return true;
      });
    });
  }

  send(worker: ChildProcess, message: ToWorker): void {
    worker.send(message);
  }

  /** CPU time every worker has used so far, milliseconds. */
  async cpuMs(): Promise<number> {
    const used = await Promise.all(
      this.workers.map((w) => {
        const reply = this.next(w, 'cpu');
        this.send(w, { type: 'cpu' });
        return reply;
      }),
    );
    return used.reduce((sum, u) => sum + u.cpuMs, 0);
  }

  /** The list step, on the first worker; every worker then knows the plan. */
  async list(): Promise<{ plan: TargetPlan; tasks: readonly number[] }> {
    const [first] = this.workers;
    if (first === undefined) throw new Error('no workers');
    const listed = this.next(first, 'listed');
    this.send(first, { type: 'list' });
    const { plan, tasks } = await listed;
    for (const worker of this.workers.slice(1)) this.send(worker, { type: 'plan', plan });
    return { plan, tasks };
  }

  /**
   * Audits `indexes` with at most `concurrency` in flight, spread over the workers (the least busy
   * first), starting the next as soon as one finishes, as a Map Run does.
   */
  async audit(indexes: readonly number[], concurrency: number): Promise<TargetRun[]> {
    const busy = new Map<ChildProcess, number>(this.workers.map((w) => [w, 0]));
    const runs: TargetRun[] = [];
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < indexes.length) {
        const index = indexes[next++] as number;
        const worker = [...busy.entries()].sort((a, b) => a[1] - b[1])[0]?.[0] as ChildProcess;
        busy.set(worker, (busy.get(worker) ?? 0) + 1);
        const done = new Promise<Extract<FromWorker, { type: 'audited' }>>((resolve, reject) => {
          const onExit = (code: number | null) => reject(new Error(`fan-out worker exited with ${code}`));
          worker.once('exit', onExit);
          this.waiting.get(worker)?.push((message) => {
            if (message.type !== 'audited' || message.index !== index) return false;
            worker.off('exit', onExit);
            resolve(message);
            return true;
          });
        });
        this.send(worker, { type: 'audit', index });
        const result = await done;
        busy.set(worker, (busy.get(worker) ?? 1) - 1);
        runs.push({
          index,
          wallMs: result.wallMs,
          taskMs: result.taskMs,
          outcome: { verdict: result.verdict, counts: result.counts, alert: 'none' },
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, indexes.length) }, lane));
    return runs.sort((a, b) => a.index - b.index);
  }

  stop(): void {
    for (const worker of this.workers) worker.kill();
  }
}
