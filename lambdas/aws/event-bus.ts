import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { callAws } from './call';
import { type AwsClientOptions, clientConfig } from './client-config';

/** An entry PutEvents refused (or the whole call failed): what the caller counts as a lost event. */
export class EventNotPutError extends Error {
  override readonly name = 'EventNotPutError';
}

/** Puts Preflight's events on the account's default bus (EventBridge's default when no bus is named). */
export class DefaultEventBus {
  constructor(private readonly client: EventBridgeClient = new EventBridgeClient(clientConfig())) {}

  static create(options: AwsClientOptions = {}): DefaultEventBus {
    return new DefaultEventBus(new EventBridgeClient(clientConfig(options)));
  }

  /** @throws EventNotPutError when an entry was refused; AwsCallError when the call failed. */
  async put(entries: readonly { Source: string; DetailType: string; Detail: string }[]): Promise<void> {
    if (entries.length === 0) return;
    const response = await callAws('events:PutEvents', () =>
      this.client.send(new PutEventsCommand({ Entries: [...entries] })),
    );
    const refused = (response.Entries ?? []).filter((e) => e.ErrorCode !== undefined);
    if ((response.FailedEntryCount ?? 0) > 0 || refused.length > 0) {
      throw new EventNotPutError(
        `${response.FailedEntryCount ?? refused.length} of ${entries.length} event(s) not put: ${refused.map((e) => `${e.ErrorCode} ${e.ErrorMessage ?? ''}`).join('; ')}`,
      );
    }
  }
}
