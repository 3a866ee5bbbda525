import {
  paginateDescribeParameters,
  type ParameterMetadata as SdkParameterMetadata,
  type SSMClient,
} from '@aws-sdk/client-ssm';
import type { ParameterMetadata } from '../../core/checks/secrets/ports';
import { collectPages } from '../call';
import { readEach } from '../each-resource';
import { required } from '../required';

const DESCRIBE_PARAMETERS = 'ssm:DescribeParameters';

/** Every parameter's metadata (name, type, key); DescribeParameters never returns values. */
export async function listParameters(client: SSMClient): Promise<ParameterMetadata[]> {
  const parameters = await collectPages(
    DESCRIBE_PARAMETERS,
    paginateDescribeParameters({ client, pageSize: 50 }, {}),
    (page) => page.Parameters,
  );
  return readEach(
    DESCRIBE_PARAMETERS,
    parameters,
    (parameter) => ({ arn: parameter.ARN, names: [parameter.Name] }),
    toParameterMetadata,
  );
}

function toParameterMetadata(parameter: SdkParameterMetadata): ParameterMetadata {
  return {
    name: required(DESCRIBE_PARAMETERS, 'ParameterMetadata.Name', parameter.Name),
    arn: parameter.ARN,
    type: required(DESCRIBE_PARAMETERS, 'ParameterMetadata.Type', parameter.Type),
    keyId: parameter.KeyId,
    lastModifiedDate: parameter.LastModifiedDate,
  };
}
