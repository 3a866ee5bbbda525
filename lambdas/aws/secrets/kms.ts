import { DescribeKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { KmsKey } from '../../core/checks/secrets/ports';
import { callAws } from '../call';
import { optionalDate, required } from '../required';

const DESCRIBE_KEY = 'kms:DescribeKey';

/**
 * One key's state and manager. DescribeKey returns metadata only: it needs no kms:Decrypt, and the
 * key's material never leaves KMS.
 */
export async function describeKey(client: KMSClient, keyId: string): Promise<KmsKey> {
  const output = await callAws(DESCRIBE_KEY, () => client.send(new DescribeKeyCommand({ KeyId: keyId })));
  const metadata = required(DESCRIBE_KEY, 'KeyMetadata', output.KeyMetadata);
  const deletionDate = optionalDate(DESCRIBE_KEY, 'KeyMetadata.DeletionDate', metadata.DeletionDate);
  return {
    ...(metadata.Arn === undefined ? {} : { arn: metadata.Arn }),
    keyState: required(DESCRIBE_KEY, 'KeyMetadata.KeyState', metadata.KeyState),
    ...(metadata.KeyManager === undefined ? {} : { keyManager: metadata.KeyManager }),
    ...(deletionDate === undefined ? {} : { deletionDate }),
  };
}
