import { fork } from 'node:child_process';
import * as path from 'node:path';
import type { BenchEndpoint, CallCounts } from './endpoint';
import type { AuditJob, ChildMessage, ParentMessage, StatusCounts } from './protocol';

/** What one phase of a child's audit measured. */
export interface PhaseResult {
  readonly label: string;
  readonly wallMs: number;
  readonly statuses: StatusCounts;
  readonly counts: CallCounts;
  readonly peakHeapBytes?: number;
  readonly maxRssBytes?: number;
  readonly startRssBytes?: number;
}

const CHILD = path.join(__dirname, 'child.ts');

/**
 * Forks the audit child for `job`, resets `endpoint` before each phase it announces, and collects
 * each phase's measurements with the endpoint's call counts.
 */
export function driveAudit(endpoint: BenchEndpoint, job: Omit<AuditJob, 'endpoint'>): Promise<PhaseResult[]> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [], {
      execArgv: ['--import', 'tsx'],
      env: {
        ...process.env,
        AWS_ACCESS_KEY_ID: 'bench',
        AWS_SECRET_ACCESS_KEY: 'bench',
        AWS_REGION: 'eu-west-1',
      },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const results: PhaseResult[] = [];
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'begin') {
        endpoint.reset();
        child.send({ type: 'go' } satisfies ParentMessage);
      } else if (message.type === 'end') {
        results.push({ ...message, counts: endpoint.snapshot() });
      }
    });
    child.on('exit', (code) => {
      if (code === 0) resolve(results);
      else reject(new Error(`audit child exited with ${code}:\n${stderr.slice(-2000)}`));
    });
    child.send({ type: 'job', job: { ...job, endpoint: endpoint.url } } satisfies ParentMessage);
  });
}
