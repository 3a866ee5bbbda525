import type { AccountPorts } from '../core/checks/types';
import type { AwsClientOptions } from './client-config';

/*
 * An account is reached through groups of ports (backups, TLS, secrets, alarms, observability,
 * tracing, load balancing, WAF, CORS, scope), each with its
 * own SDK clients. A function names the groups it carries: a family's check function bundles only
 * its family's clients (and the scope's), so asking it for another group is a wiring mistake that
 * must fail loudly (the check reports ERROR), never quietly read nothing.
 */

/** How to build each group of ports from the options that reach the account. */
export type AccountGroups = {
  readonly [Group in keyof AccountPorts]?: (options: AwsClientOptions) => AccountPorts[Group];
};

/** A check asked for ports its function does not carry. */
export class MissingPortsError extends Error {
  override readonly name = 'MissingPortsError';
}

/**
 * The account reached with `options`: each group's clients are created when a check first uses it
 * (a task runs one check, which needs one or two groups, and a client costs a few milliseconds of
 * CPU to build), then kept.
 */
export function accountOf(groups: AccountGroups, options: AwsClientOptions = {}): AccountPorts {
  const built = new Map<keyof AccountPorts, unknown>();
  const get = <Group extends keyof AccountPorts>(group: Group): AccountPorts[Group] => {
    if (!built.has(group)) {
      const make = groups[group];
      if (make === undefined) {
        throw new MissingPortsError(
          `This function carries no ${group} clients: the check was routed to the wrong function`,
        );
      }
      built.set(group, make(options));
    }
    return built.get(group) as AccountPorts[Group];
  };
  return {
    get backups() {
      return get('backups');
    },
    get tls() {
      return get('tls');
    },
    get secrets() {
      return get('secrets');
    },
    get alarms() {
      return get('alarms');
    },
    get observability() {
      return get('observability');
    },
    get tracing() {
      return get('tracing');
    },
    get loadBalancing() {
      return get('loadBalancing');
    },
    get waf() {
      return get('waf');
    },
    get cors() {
      return get('cors');
    },
    get scaling() {
      return get('scaling');
    },
    get storage() {
      return get('storage');
    },
    get workloads() {
      return get('workloads');
    },
    get images() {
      return get('images');
    },
    get deploys() {
      return get('deploys');
    },
    get network() {
      return get('network');
    },
    get scope() {
      return get('scope');
    },
    get restApis() {
      return get('restApis');
    },
    get httpApis() {
      return get('httpApis');
    },
  };
}
