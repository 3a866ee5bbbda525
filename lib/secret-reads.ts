import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';

/**
 * Every action that returns secret material: secret values (one or a batch), parameter values
 * (SecureStrings decrypted on request, by name, in bulk, by path, or every past version), and
 * plaintext from a KMS key. A role that holds audit actions is denied all of them, whatever else
 * it is ever granted: the audit judges metadata and never needs a value.
 */
export const SECRET_READ_ACTIONS = [
  'secretsmanager:GetSecretValue',
  'secretsmanager:BatchGetSecretValue',
  'ssm:GetParameter',
  'ssm:GetParameters',
  'ssm:GetParametersByPath',
  'ssm:GetParameterHistory',
  'kms:Decrypt',
] as const;

export interface SecretReadDenyOptions {
  /**
   * The keys the role must decrypt with because a service does it on its behalf (publishing to the
   * KMS-encrypted alert topic needs `kms:Decrypt` on the topic's key; reading an object of the report
   * bucket, on the bucket's key). No secret is ever encrypted with them.
   * @default - none: kms:Decrypt is denied on every key
   */
  readonly decryptsOnlyWith?: kms.IKey | readonly kms.IKey[];
}

/** The Deny statements that keep a role from ever reading secret material. */
export function denySecretReads(options: SecretReadDenyOptions = {}): iam.PolicyStatement[] {
  const keys = [options.decryptsOnlyWith ?? []].flat();
  const others = SECRET_READ_ACTIONS.filter((action) => keys.length === 0 || action !== 'kms:Decrypt');
  return [
    new iam.PolicyStatement({
      sid: 'NeverReadSecretValues',
      effect: iam.Effect.DENY,
      actions: [...others],
      resources: ['*'],
    }),
    ...(keys.length === 0
      ? []
      : [
          new iam.PolicyStatement({
            sid: 'DecryptOnlyWithTheGivenKeys',
            effect: iam.Effect.DENY,
            actions: ['kms:Decrypt'],
            notResources: keys.map((key) => key.keyArn),
          }),
        ]),
  ];
}
