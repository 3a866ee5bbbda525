import type { AccountPorts } from '../core/checks/types';
import type { EnvironmentTarget } from '../core/services/target';
import { type AccountGroups, accountOf } from './account-groups';
import type { AwsClientOptions } from './client-config';
import { accessEnvironment } from './environment-access';

/*
 * How the check function reaches the account a task judges, and keeps it while the function stays
 * warm: Preflight's own account per region, and an environment's account per role, region and run.
 * The tasks of one run (a gate's regions, a fan-out child's eight checks) then assume the role and
 * build their SDK clients once per function instance instead of once per task, and reuse the
 * clients' connections. The run id is part of the key, so a role session (named after its run in
 * CloudTrail) never serves another run; a failure is not kept, so the next task tries again.
 */

/** Reaches `environment` in `region` for run `runId`; throws when its role cannot be assumed. */
export type AccountReacher = (
  environment: EnvironmentTarget,
  region: string | undefined,
  runId: string,
) => Promise<AccountPorts>;

export interface AccountReacherOptions {
  /** The groups of ports (and so the SDK clients) the function carries. */
  readonly groups: AccountGroups;
  /** Passed to every client, e.g. a local endpoint. @default the SDK's own resolution */
  readonly base?: AwsClientOptions;
  /**
   * The role of Preflight's own account that assumes environments' roles (the one member accounts
   * trust), assumed first. @default none: the function's own credentials assume them
   */
  readonly via?: string;
  /** Accounts reached through a role kept at once; the oldest goes first. @default 32 */
  readonly keep?: number;
}

export function createAccountReacher(options: AccountReacherOptions): AccountReacher {
  const base = options.base ?? {};
  const keep = options.keep ?? 32;
  const own = new Map<string, AccountPorts>();
  const reached = new Map<string, Promise<AccountPorts>>();
  return (environment, region, runId) => {
    const inRegion = region === undefined ? {} : { region };
    if (!environment.configured || (environment.role === undefined && environment.account === undefined)) {
      const key = region ?? '';
      let account = own.get(key);
      if (account === undefined) {
        account = accountOf(options.groups, { ...base, ...inRegion });
        own.set(key, account);
      }
      return Promise.resolve(account);
    }
    const key = JSON.stringify([
      environment.account ?? null,
      environment.role?.arn ?? null,
      environment.role?.externalId ?? null,
      region ?? null,
      runId,
    ]);
    let account = reached.get(key);
    if (account === undefined) {
      account = accessEnvironment(environment, {
        ...inRegion,
        purpose: runId,
        base,
        ...(options.via === undefined ? {} : { via: options.via }),
      }).then((reachedWith) => accountOf(options.groups, reachedWith));
      reached.set(key, account);
      account.catch(() => reached.delete(key));
      for (const oldest of reached.keys()) {
        if (reached.size <= keep) break;
        reached.delete(oldest);
      }
    }
    return account;
  };
}
