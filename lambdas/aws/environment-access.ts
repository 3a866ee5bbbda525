import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { EnvironmentAccessError } from '../core/errors';
import type { EnvironmentTarget } from '../core/services/target';
import { toAwsCallError } from './call';
import { type AwsClientOptions, clientConfig } from './client-config';

/*
 * How Preflight reaches an environment: with its own credentials in its own account, or by assuming
 * the environment's role (with its external id). The role is assumed once up front, so a role that
 * cannot be assumed is one clear ERROR for that environment instead of a failure inside every call.
 */

/** Refresh assumed credentials this long before they expire. */
const REFRESH_MARGIN_MS = 5 * 60_000;
/** Role sessions last one hour: long enough for any audit or watch step. */
const SESSION_SECONDS = 3600;

/** Credentials of `roleArn`, assumed on first use and again shortly before they expire. */
export function assumedRoleCredentials(
  sts: STSClient,
  role: { readonly arn: string; readonly externalId?: string },
  sessionName: string,
  now: () => number = Date.now,
): AwsCredentialIdentityProvider {
  let current: AwsCredentialIdentity | undefined;
  let pending: Promise<AwsCredentialIdentity> | undefined;
  const assume = async (): Promise<AwsCredentialIdentity> => {
    const out = await sts.send(
      new AssumeRoleCommand({
        RoleArn: role.arn,
        RoleSessionName: sessionName,
        DurationSeconds: SESSION_SECONDS,
        ...(role.externalId === undefined ? {} : { ExternalId: role.externalId }),
      }),
    );
    const c = out.Credentials;
    if (c?.AccessKeyId === undefined || c.SecretAccessKey === undefined) {
      throw new Error(`AssumeRole of ${role.arn} returned no credentials`);
    }
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      ...(c.SessionToken === undefined ? {} : { sessionToken: c.SessionToken }),
      ...(c.Expiration === undefined ? {} : { expiration: c.Expiration }),
    };
  };
  return async () => {
    const fresh =
      current?.expiration === undefined || current.expiration.getTime() - now() > REFRESH_MARGIN_MS;
    if (current !== undefined && fresh) return current;
    pending ??= assume().finally(() => {
      pending = undefined;
    });
    current = await pending;
    return current;
  };
}

/** A session name STS accepts (2-64 of `[\w+=,.@-]`) that says who assumed the role and why. */
export function sessionNameFor(purpose: string): string {
  const name = `preflight-${purpose}`.replace(/[^\w+=,.@-]/g, '-').slice(0, 64);
  return name.length < 2 ? 'preflight' : name;
}

export interface EnvironmentAccessOptions {
  /** The region to work in. @default the environment's first region, else the SDK's own */
  readonly region?: string;
  /** Names the role session in CloudTrail, e.g. the run id. */
  readonly purpose: string;
  /** STS, created for tests or with another endpoint. @default a client in the region */
  readonly sts?: STSClient;
  /** Passed through to the clients, e.g. a local endpoint in tests. */
  readonly base?: AwsClientOptions;
  /**
   * A role of Preflight's own account to assume first, whose credentials then assume the
   * environment's role: the named role member accounts trust, so that the function's own role
   * (e.g. one check family's, with only that family's read actions) is not the one they must trust.
   * @default none: the function's own credentials assume the environment's role
   */
  readonly via?: string;
}

/**
 * Client options that reach `environment`: Preflight's own credentials when it names no role (and
 * they are for the environment's account, when it names one), else the environment's role, assumed
 * now so that failure surfaces here.
 * @throws EnvironmentAccessError when the role cannot be assumed or the account is not the one named.
 */
export async function accessEnvironment(
  environment: EnvironmentTarget,
  options: EnvironmentAccessOptions,
): Promise<AwsClientOptions> {
  const region = options.region ?? environment.regions[0] ?? options.base?.region;
  const base: AwsClientOptions = { ...options.base, ...(region === undefined ? {} : { region }) };
  const sts = options.sts ?? new STSClient(clientConfig(base));
  if (environment.role === undefined) {
    if (environment.account !== undefined) {
      const identity = await sts.send(new GetCallerIdentityCommand({})).catch((error: unknown) => {
        throw toAwsCallError('sts:GetCallerIdentity', error);
      });
      if (identity.Account !== environment.account) {
        throw new EnvironmentAccessError(
          `environment "${environment.name}" is account ${environment.account}, but Preflight runs as account ${identity.Account ?? 'unknown'} and no role is configured for it`,
          `Set environments.${environment.name}.access to the role Preflight may assume there (deploy the member-account role stack to that account).`,
        );
      }
    }
    return base;
  }
  const sessionName = sessionNameFor(options.purpose);
  const assumer =
    options.via === undefined
      ? sts
      : new STSClient(
          clientConfig({
            ...base,
            credentials: assumedRoleCredentials(sts, { arn: options.via }, sessionName),
          }),
        );
  const credentials = assumedRoleCredentials(assumer, environment.role, sessionName);
  try {
    await credentials();
  } catch (error) {
    const cause = toAwsCallError('sts:AssumeRole', error);
    throw new EnvironmentAccessError(
      `could not assume ${environment.role.arn} for environment "${environment.name}" (${cause.code}: ${cause.message})`,
      `Check that the role exists in account ${environment.account ?? 'of the environment'}, trusts Preflight's role${options.via === undefined ? '' : ` ${options.via}`}${environment.role.externalId === undefined ? '' : ' with this external id'}, and that Preflight's role may call sts:AssumeRole on it.`,
      { cause },
    );
  }
  return { ...base, credentials };
}
