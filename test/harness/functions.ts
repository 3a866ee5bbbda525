import * as path from 'node:path';
import type { ExtractedStateMachine, LocalFunction } from './asl';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

type Handler = (event: unknown, context: Record<string, unknown>) => Promise<unknown>;

/** The function of the synthesized stack whose handler module is `entry`, with its environment. */
export function functionByEntry(machine: ExtractedStateMachine, entry: string): LocalFunction {
  const fn = [...machine.handlersByArn.values()].find((f) => f.entry === entry);
  if (fn === undefined) throw new Error(`No function with handler ${entry} in the template`);
  return fn;
}

/** Invokes a function of the stack in-process, as deployed: its environment, its real handler. */
export async function invokeFunction(fn: LocalFunction, event: unknown): Promise<unknown> {
  Object.assign(process.env, fn.environment);
  const module = (await import(path.join(REPO_ROOT, fn.entry))) as { handler: Handler };
  return module.handler(event, {
    functionName: path.basename(fn.entry, '.ts'),
    awsRequestId: 'local',
    getRemainingTimeInMillis: () => 60_000,
  });
}
