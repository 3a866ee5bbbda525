import { type CheckScope, WHOLE_ACCOUNT } from '../../scope/check-scope';
import type { FamilyDefinitions } from '../types';
import { auditAccessKeys } from './audit-access-keys';
import { auditSecretEncryption } from './audit-encryption';
import { secretCatalogue } from './catalogue';
import { evaluateSecretRotation } from './evaluate-rotation';
import type { ParameterMetadata, SecretMetadata } from './ports';
import { evaluateParameters } from './rules/ssm-secure-parameters/secure-string';

const secretIdentity = (secret: SecretMetadata) => ({ arn: secret.arn, names: [secret.name] });
const parameterIdentity = (parameter: ParameterMetadata) => ({
  ...(parameter.arn === undefined ? {} : { arn: parameter.arn }),
  names: [parameter.name],
});
const inScope = (scope: CheckScope, secrets: SecretMetadata[]) => scope.select(secrets, secretIdentity);

/*
 * Every check here reads metadata only. None may ever need secretsmanager:GetSecretValue,
 * BatchGetSecretValue or ssm:GetParameter*: an auditor that can read the secrets it audits is a
 * bigger risk than the findings it reports.
 */

/** The checks behind "Secrets properly encrypted and stored" and "API keys rotated if required". */
export const secretChecks: FamilyDefinitions<typeof secretCatalogue> = {
  'secrets-rotation': {
    ...secretCatalogue['secrets-rotation'],
    async run(account, settings, now, scope = WHOLE_ACCOUNT) {
      const secrets = inScope(scope, await account.secrets.listSecrets());
      return secrets.flatMap((secret) => evaluateSecretRotation(secret, settings, now));
    },
  },
  'secrets-encryption': {
    ...secretCatalogue['secrets-encryption'],
    async run(account, settings, _now, scope = WHOLE_ACCOUNT) {
      const secrets = inScope(scope, await account.secrets.listSecrets());
      return auditSecretEncryption(account.secrets, secrets, settings);
    },
  },
  'ssm-secure-parameters': {
    ...secretCatalogue['ssm-secure-parameters'],
    async run(account, settings, _now, scope = WHOLE_ACCOUNT) {
      return evaluateParameters(
        scope.select(await account.secrets.listParameters(), parameterIdentity),
        settings,
      );
    },
  },
  'iam-access-keys': {
    ...secretCatalogue['iam-access-keys'],
    run: (account, settings, now) => auditAccessKeys(account.secrets, settings, now),
  },
};
