import { createAwsAccount } from '../../../lambdas/aws/account';
import type { AwsClientOptions } from '../../../lambdas/aws/client-config';
import { accessEnvironment } from '../../../lambdas/aws/environment-access';
import { describeAwsTarget } from '../../../lambdas/aws/identity';
import type { AccountPorts } from '../../../lambdas/core/checks/types';
import type { ServiceTarget } from '../../../lambdas/core/services/target';

/*
 * The AWS side of `preflight audit`, loaded only when the audit reaches AWS (not with --sample): the
 * adapters bring every SDK client the checks use.
 */

/** How the local audit reaches an account and region with the caller's credentials. */
export function reachAws(
  target: ServiceTarget | undefined,
  aws: AwsClientOptions,
): (region: string | undefined) => Promise<AccountPorts> {
  if (target === undefined || !target.environment.configured) {
    return async (region) => createAwsAccount({ ...aws, ...(region === undefined ? {} : { region }) });
  }
  // The environment's role is assumed (once per region) with the caller's credentials.
  return async (region) =>
    createAwsAccount(
      await accessEnvironment(target.environment, {
        ...(region === undefined ? {} : { region }),
        purpose: `audit-${target.service}-${target.environment.name}`,
        base: aws,
      }),
    );
}

/** `AWS account 123456789012 (eu-west-1)`: the caller's account, for a whole-account audit. */
export const describeAccount = (aws: AwsClientOptions): Promise<string> => describeAwsTarget(aws);
