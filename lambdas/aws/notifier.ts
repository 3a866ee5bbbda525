import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { callAws } from './call';
import { clientConfig } from './client-config';

/** Publishes a plain message to a topic; every subscriber gets it. */
export class SnsNotifier {
  constructor(
    private readonly topicArn: string,
    private readonly client: SNSClient = new SNSClient(clientConfig()),
  ) {}

  /** One message per protocol (`MessageStructure: json`): the long text by email, a short one by SMS. */
  async publishPerProtocol(subject: string, email: string, sms: string): Promise<void> {
    await callAws('sns:Publish', () =>
      this.client.send(
        new PublishCommand({
          TopicArn: this.topicArn,
          Subject: subject.replace(/[^\x20-\x7e]/g, '?').slice(0, 100),
          MessageStructure: 'json',
          Message: JSON.stringify({ default: email, email, sms }),
        }),
      ),
    );
  }

  async publish(subject: string, message: string): Promise<void> {
    await callAws('sns:Publish', () =>
      this.client.send(
        new PublishCommand({
          TopicArn: this.topicArn,
          Subject: subject.replace(/[^\x20-\x7e]/g, '?').slice(0, 100),
          Message: message,
        }),
      ),
    );
  }
}
