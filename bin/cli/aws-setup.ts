import * as path from 'node:path';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { AwsClientOptions } from '../../lambdas/aws/client-config';
import { UsageError } from './usage-error';

/*
 * Every command that calls AWS settles where and as whom before it does any work: the profile
 * (`--profile`, else AWS_PROFILE) must exist, a region must be known when the command needs one
 * (`--region`, else the region named by the ARN or URL it acts on, else AWS_REGION, else the
 * profile's), and credentials must load through the SDK's own chain. Each failure is one line saying
 * what to do, instead of the same SDK error repeated in every finding. The credentials found are
 * passed to every client, so the chain runs once.
 */

/** A region named by the resource a command acts on, e.g. a state machine ARN. */
export interface ResourceRegion {
  readonly region: string;
  /** What named it, for messages: `--state-machine-arn`, `the control URL`. */
  readonly from: string;
}

export interface AwsSetupRequest {
  /** `--region`. */
  readonly region?: string;
  /** `--profile`. */
  readonly profile?: string;
  /** The region of the resource acted on; `--region` must agree with it. */
  readonly regionOf?: ResourceRegion;
  /** Whether the command needs one region of the caller's (not when every region is configured). @default true */
  readonly needsRegion?: boolean;
}

/** Where and as whom the command calls AWS. */
export interface AwsSetup {
  readonly region?: string;
  readonly profile?: string;
  readonly credentials: AwsCredentialIdentityProvider;
  /** The options every adapter of the command is created with. */
  readonly client: AwsClientOptions;
}

/** AWS is not set up for the command: one line saying what is missing and how to give it. */
export class AwsSetupError extends Error {
  override readonly name = 'AwsSetupError';
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/** The region of an ARN (`arn:aws:states:eu-west-1:...`), when it names one. */
export function regionOfArn(arn: string): string | undefined {
  const region = arn.split(':')[3];
  return region !== undefined && REGION.test(region) ? region : undefined;
}

/** `--region` as given: a region name, checked before anything uses it. */
export function checkedRegion(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!REGION.test(value)) {
    throw new UsageError(`--region: got "${value}"; expected an AWS region such as eu-west-1.`);
  }
  return value;
}

const QUIET = { debug() {}, info() {}, warn() {}, error() {} };

interface SharedFiles {
  readonly configFile: Readonly<Record<string, Readonly<Record<string, string | undefined>>>>;
  readonly credentialsFile: Readonly<Record<string, Readonly<Record<string, string | undefined>>>>;
  /** How the two files read in messages: `~/.aws/config or ~/.aws/credentials`. */
  readonly where: string;
}

/** Keys of a profile that give credentials, one way or another (as the SDK's chain reads them). */
const CREDENTIAL_KEYS = [
  'aws_access_key_id',
  'sso_session',
  'sso_start_url',
  'sso_account_id',
  'role_arn',
  'credential_process',
  'web_identity_token_file',
  'credential_source',
  'source_profile',
  'login_session',
] as const;

/** A profile's keys from both files; the config file's win, as the SDK reads them. */
function profileSection(
  files: SharedFiles,
  profile: string,
): Readonly<Record<string, string | undefined>> | undefined {
  const fromConfig = files.configFile[profile];
  const fromCredentials = files.credentialsFile[profile];
  if (fromConfig === undefined && fromCredentials === undefined) return undefined;
  return { ...fromCredentials, ...fromConfig };
}

async function sharedFiles(): Promise<SharedFiles> {
  const { getHomeDir, loadSharedConfigFiles } = await import('@smithy/core/config');
  const home = getHomeDir();
  const configPath = process.env.AWS_CONFIG_FILE || path.join(home, '.aws', 'config');
  const credentialsPath = process.env.AWS_SHARED_CREDENTIALS_FILE || path.join(home, '.aws', 'credentials');
  const files = await loadSharedConfigFiles({
    configFilepath: configPath,
    filepath: credentialsPath,
    ignoreCache: true,
  });
  const shown = (file: string) =>
    file.startsWith(`${home}${path.sep}`) ? `~${path.sep}${path.relative(home, file)}` : file;
  return { ...files, where: `${shown(configPath)} or ${shown(credentialsPath)}` };
}

function noCredentials(profile: string | undefined, from: string, cause: unknown): AwsSetupError {
  const reason = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
  if (profile !== undefined) {
    return new AwsSetupError(
      `could not load the credentials of AWS profile "${profile}"${from} (${reason}); for an SSO profile run \`aws sso login --profile ${profile}\`.`,
      { cause },
    );
  }
  return new AwsSetupError(
    'no AWS credentials: pass --profile NAME (a profile in ~/.aws/config), set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run where a role provides them (EC2, ECS, CodeBuild, or AWS_ROLE_ARN with AWS_WEB_IDENTITY_TOKEN_FILE).',
    { cause },
  );
}

/**
 * Checks the profile, the region and the credentials once, in that order, before the command works.
 * @throws UsageError when `--region` is malformed or disagrees with the resource's region;
 *   AwsSetupError when the profile does not exist, no region is known, or no credentials load.
 */
export async function resolveAwsSetup(request: AwsSetupRequest): Promise<AwsSetup> {
  const flagRegion = checkedRegion(request.region);
  const { regionOf } = request;
  if (flagRegion !== undefined && regionOf !== undefined && flagRegion !== regionOf.region) {
    throw new UsageError(
      `--region ${flagRegion} does not match the region of ${regionOf.from} (${regionOf.region}).`,
    );
  }
  const profile = request.profile ?? (process.env.AWS_PROFILE || undefined);
  const from = request.profile === undefined && profile !== undefined ? ' (from AWS_PROFILE)' : '';
  const files = await sharedFiles();
  const section = profileSection(files, profile ?? 'default');
  if (profile !== undefined && section === undefined) {
    throw new AwsSetupError(`AWS profile "${profile}"${from} not found in ${files.where}.`);
  }
  if (profile !== undefined && !CREDENTIAL_KEYS.some((key) => section?.[key] !== undefined)) {
    throw new AwsSetupError(
      `AWS profile "${profile}"${from} has no credentials: give it aws_access_key_id and aws_secret_access_key (~/.aws/credentials), sso_session, role_arn, credential_process or web_identity_token_file.`,
    );
  }
  const region = flagRegion ?? regionOf?.region ?? (process.env.AWS_REGION || undefined) ?? section?.region;
  if (region === undefined && request.needsRegion !== false) {
    throw new AwsSetupError(
      profile === undefined
        ? 'no AWS region: pass --region, set AWS_REGION or give a profile with a region.'
        : `no AWS region: pass --region, set AWS_REGION or set region in profile "${profile}"${from}.`,
    );
  }
  const { defaultProvider } = await import('@aws-sdk/credential-provider-node');
  const credentials = defaultProvider({
    ...(profile === undefined ? {} : { profile }),
    ...(region === undefined ? {} : { parentClientConfig: { region } }),
    logger: QUIET,
  });
  try {
    await credentials();
  } catch (error) {
    throw noCredentials(profile, from, error);
  }
  return {
    ...(region === undefined ? {} : { region }),
    ...(profile === undefined ? {} : { profile }),
    credentials,
    client: { ...(region === undefined ? {} : { region }), credentials },
  };
}
