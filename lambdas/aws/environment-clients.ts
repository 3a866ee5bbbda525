import type { EnvironmentTarget } from '../core/services/target';
import type { AwsClientOptions } from './client-config';
import { accessEnvironment } from './environment-access';

/*
 * Clients per environment and region instead of one per module: a watch of one service reads its
 * metrics in that service's account and region. Each is created on first use and kept while the
 * execution environment lives, so a warm function reuses the client and its assumed credentials
 * (refreshed shortly before they expire) instead of assuming the role at every step.
 */

/** Clients of one kind (e.g. CloudWatch), one per role and region reached. */
export class EnvironmentClients<T> {
  private readonly cache = new Map<string, Promise<T>>();

  constructor(
    /** Builds the client(s) from the options that reach the environment. */
    private readonly create: (options: AwsClientOptions) => T,
    /** Names the role session in CloudTrail, e.g. `watch`. */
    private readonly purpose: string,
    /** Passed through to every client, e.g. a local endpoint in tests. */
    private readonly base: AwsClientOptions = {},
  ) {}

  /**
   * The client for `environment` in `region` (its first region, else the function's own, when not
   * given). A role that could not be assumed is not kept: the next call tries again.
   * @throws EnvironmentAccessError when the environment cannot be reached as configured.
   */
  get(environment: EnvironmentTarget, region?: string): Promise<T> {
    const key = JSON.stringify([
      environment.role?.arn ?? null,
      environment.role?.externalId ?? null,
      environment.account ?? null,
      region ?? environment.regions[0] ?? null,
    ]);
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const created = accessEnvironment(environment, {
      purpose: this.purpose,
      ...(region === undefined ? {} : { region }),
      base: this.base,
    }).then(this.create);
    this.cache.set(key, created);
    created.catch(() => {
      if (this.cache.get(key) === created) this.cache.delete(key);
    });
    return created;
  }
}
