import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { KMSClient } from '@aws-sdk/client-kms';
import { SNSClient } from '@aws-sdk/client-sns';
import type { AlarmsPorts } from '../../core/checks/alarms/ports';
import { type AwsClientOptions, clientConfig } from '../client-config';
import { listAlarms } from './cloudwatch';
import { topicSubscriptions } from './sns';

/** The SDK clients the alarms ports use; tests pass mocked ones. */
export interface AlarmsClients {
  readonly cloudwatch: CloudWatchClient;
  readonly sns: SNSClient;
  /** Tells the AWS managed key aws/sns from a customer managed one when a topic names a key ARN. */
  readonly kms?: KMSClient;
}

/** The alarms ports over given clients. */
export function alarmsPorts(clients: AlarmsClients): AlarmsPorts {
  return {
    listAlarms: () => listAlarms(clients.cloudwatch),
    topicSubscriptions: (topicArn) => topicSubscriptions(clients.sns, topicArn, clients.kms),
  };
}

/** The alarms ports backed by AWS; clients are created once per call of this factory. */
export function createAwsAlarmsPorts(options: AwsClientOptions): AlarmsPorts {
  const config = clientConfig(options);
  return alarmsPorts({
    cloudwatch: new CloudWatchClient(config),
    sns: new SNSClient(config),
    kms: new KMSClient(config),
  });
}
