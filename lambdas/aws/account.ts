import type { AccountPorts } from '../core/checks/types';
import { createAwsAlarmsPorts } from './alarms';
import { createAwsBackupsPorts } from './backups';
import type { AwsClientOptions } from './client-config';
import { createAwsCorsPorts } from './cors';
import { createAwsLoadBalancingPorts } from './load-balancing';
import { createAwsObservabilityPorts } from './observability';
import { createAwsScopePorts } from './scope';
import { createAwsSecretsPorts } from './secrets';
import { createAwsTlsPorts } from './tls';
import { createAwsTracingPorts } from './tracing';
import { createAwsWafPorts } from './waf';

/** `make()` on first use, then the same value. */
function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= make();
    return value;
  };
}

/**
 * An account reached through the AWS SDK with the given (by default the current) credentials. Each
 * group of ports creates its SDK clients when a check first uses it: a check task reaches an
 * account (an assumed role: new clients) to run one check, which needs one or two of the groups,
 * and a client costs a few milliseconds of CPU to build.
 */
export function createAwsAccount(options: AwsClientOptions = {}): AccountPorts {
  const backups = once(() => createAwsBackupsPorts(options));
  const tls = once(() => createAwsTlsPorts(options));
  const secrets = once(() => createAwsSecretsPorts(options));
  const alarms = once(() => createAwsAlarmsPorts(options));
  const observability = once(() => createAwsObservabilityPorts(options));
  const tracing = once(() => createAwsTracingPorts(options));
  const loadBalancing = once(() => createAwsLoadBalancingPorts(options));
  const waf = once(() => createAwsWafPorts(options));
  const cors = once(() => createAwsCorsPorts(options));
  const scope = once(() => createAwsScopePorts(options));
  return {
    get backups() {
      return backups();
    },
    get tls() {
      return tls();
    },
    get secrets() {
      return secrets();
    },
    get alarms() {
      return alarms();
    },
    get observability() {
      return observability();
    },
    get tracing() {
      return tracing();
    },
    get loadBalancing() {
      return loadBalancing();
    },
    get waf() {
      return waf();
    },
    get cors() {
      return cors();
    },
    get scope() {
      return scope();
    },
  };
}
