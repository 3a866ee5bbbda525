import { SendTaskFailureCommand, SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import type { TaskCallbacks } from '../core/control/ports';
import { callAws } from './call';
import { clientConfig } from './client-config';

/** The task is no longer waiting: it timed out, was already answered, or its run ended. */
const NOT_WAITING = /TaskTimedOut|TaskDoesNotExist|InvalidToken/;

/** Releases waiting tasks of the audit machine: the only code that calls SendTask*. */
export class SfnTaskCallbacks implements TaskCallbacks {
  constructor(private readonly client: SFNClient = new SFNClient(clientConfig())) {}

  async succeed(taskToken: string, output: unknown): Promise<'sent' | 'not-waiting'> {
    return this.send('states:SendTaskSuccess', () =>
      this.client.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) })),
    );
  }

  async fail(taskToken: string, error: string, cause: string): Promise<'sent' | 'not-waiting'> {
    return this.send('states:SendTaskFailure', () =>
      this.client.send(new SendTaskFailureCommand({ taskToken, error, cause })),
    );
  }

  private async send(action: string, call: () => Promise<unknown>): Promise<'sent' | 'not-waiting'> {
    try {
      await callAws(action, call);
      return 'sent';
    } catch (error) {
      if (NOT_WAITING.test((error as { code?: string }).code ?? '')) return 'not-waiting';
      throw error;
    }
  }
}
