import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { type AwsClientOptions, clientConfig } from './client-config';

/**
 * A label for the audited account, `123456789012 (eu-west-1)`. GetCallerIdentity needs no
 * permission; when it fails anyway the label says so rather than stopping the audit.
 */
export async function describeAwsTarget(
  options: AwsClientOptions = {},
  client = new STSClient(clientConfig(options)),
) {
  const region = await client.config.region().catch(() => 'no region');
  try {
    const identity = await client.send(new GetCallerIdentityCommand({}));
    return `AWS account ${identity.Account ?? 'unknown'} (${region})`;
  } catch (error) {
    // The class name alone ("Error" for a refused connection) says nothing: the first line of the message does.
    const { name, message } = error as Error;
    const reason = (message.split('\n')[0] ?? '') || name;
    return `AWS account, identity unknown (sts:GetCallerIdentity failed: ${name === 'Error' ? reason : `${name}: ${reason}`}) (${region})`;
  }
}
