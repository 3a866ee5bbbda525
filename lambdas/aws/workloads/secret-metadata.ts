import { DescribeSecretCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { paginateDescribeParameters, type SSMClient } from '@aws-sdk/client-ssm';
import { callAws, collectPages } from '../call';
import { required } from '../required';

const DESCRIBE_SECRET = 'secretsmanager:DescribeSecret';
const DESCRIBE_PARAMETERS = 'ssm:DescribeParameters';

/** DescribeParameters' largest page; its Name filter also takes at most 50 values. */
export const PARAMETERS_PAGE_SIZE = 50;

/** Whether the secret exists: DescribeSecret (metadata only; the value is never read). */
export async function secretExists(client: SecretsManagerClient, secretId: string): Promise<boolean> {
  try {
    const described = await callAws(DESCRIBE_SECRET, () =>
      client.send(new DescribeSecretCommand({ SecretId: secretId })),
    );
    // A secret scheduled for deletion cannot be read by a starting task: it does not exist for it.
    return described.DeletedDate === undefined;
  } catch (error) {
    if ((error as { code?: string }).code === 'ResourceNotFoundException') return false;
    throw error;
  }
}

/** Which of `names` exist: DescribeParameters filtered by name, 50 names per call (metadata only). */
export async function existingParameters(client: SSMClient, names: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < names.length; i += PARAMETERS_PAGE_SIZE) {
    const batch = names.slice(i, i + PARAMETERS_PAGE_SIZE);
    const parameters = await collectPages(
      DESCRIBE_PARAMETERS,
      paginateDescribeParameters(
        { client, pageSize: PARAMETERS_PAGE_SIZE },
        { ParameterFilters: [{ Key: 'Name', Option: 'Equals', Values: batch }] },
      ),
      (page) => page.Parameters,
    );
    for (const parameter of parameters)
      found.add(required(DESCRIBE_PARAMETERS, 'Parameters[].Name', parameter.Name));
  }
  return found;
}
