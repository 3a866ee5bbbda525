import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { type Json, syntheticAccount } from '../audit/account';
import { type CallCounts, parse, send } from '../audit/endpoint';
import { type Operation, operationsFor, ServiceError } from '../audit/operations';
import { pageSizeOf, rateOf } from '../audit/rates';
import { closeServer, listenOnLoopback, loopbackUrl } from '../support/loopback-server';
import { EXTERNAL_ID, HOME, OU, ROLE_NAME, type SimulatedAccount, sizeOf } from './organization';

/*
 * One local endpoint for a whole organization, as AWS is one endpoint per service and region for
 * every account: the account a request acts in is the one its credentials belong to (HOME's own
 * keys, or the keys STS handed out for an account's role), its region the one it signed for. Each
 * account and region has its own data and its own token bucket per API, so accounts throttle
 * independently, as they do. STS (AssumeRole, GetCallerIdentity) and Organizations (the OU's
 * listing, for HOME only) are served here too, through the real SDK's protocols.
 */

/** HOME's own access key, as the benchmark's child processes are given it. */
export const HOME_KEY = 'bench';
const ASSUMED_KEY = /^ASIA(\d{12})$/;

interface Bucket {
  tokens: number;
  updatedMs: number;
}

export interface OrgEndpointOptions {
  readonly accounts: readonly SimulatedAccount[];
  readonly latencyMs: number;
  readonly throttle: boolean;
  /** Accounts whose role cannot be assumed (their trust policy does not admit Preflight). */
  readonly unassumable: ReadonlySet<string>;
}

/** Calls per account (`home` or the id) and `service:Operation`. */
export type OrgCallCounts = Record<string, CallCounts>;

export class OrgEndpoint {
  private counts: OrgCallCounts = {};
  private buckets = new Map<string, Bucket>();
  /** The operations of each account size, built once and shared: accounts of one size hold the same data. */
  private readonly operations = new Map<number, Record<string, Operation>>();
  private readonly accounts: ReadonlyMap<string, SimulatedAccount>;

  private constructor(
    private readonly server: Server,
    private readonly options: OrgEndpointOptions,
  ) {
    this.accounts = new Map(options.accounts.map((a) => [a.id, a]));
  }

  static async start(options: OrgEndpointOptions): Promise<OrgEndpoint> {
    let endpoint: OrgEndpoint | undefined;
    // No request arrives before the endpoint exists: nobody knows the port yet.
    const server = await listenOnLoopback(async (request, response) => endpoint?.handle(request, response));
    endpoint = new OrgEndpoint(server, options);
    return endpoint;
  }

  get url(): string {
    return loopbackUrl(this.server);
  }

  reset(): void {
    this.counts = {};
    this.buckets.clear();
  }

  snapshot(): OrgCallCounts {
    return structuredClone(this.counts);
  }

  async close(): Promise<void> {
    await closeServer(this.server);
  }

  private operationsOf(account: SimulatedAccount): Record<string, Operation> {
    let ops = this.operations.get(account.scale);
    if (ops === undefined) {
      ops = operationsFor(syntheticAccount(sizeOf(account)));
      this.operations.set(account.scale, ops);
    }
    return ops;
  }

  private admit(key: string, operation: string): boolean {
    if (!this.options.throttle) return true;
    const { perSecond } = rateOf(operation);
    const now = performance.now();
    const bucket = this.buckets.get(key) ?? { tokens: perSecond, updatedMs: now };
    bucket.tokens = Math.min(perSecond, bucket.tokens + ((now - bucket.updatedMs) / 1000) * perSecond);
    bucket.updatedMs = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  private assumeRole(params: Readonly<Record<string, unknown>>): Json | ServiceError {
    const arn = String(params.RoleArn);
    const id = /^arn:aws:iam::(\d{12}):role\/(.+)$/.exec(arn);
    const account = id === null ? undefined : this.accounts.get(id[1] as string);
    if (account === undefined || id?.[2] !== ROLE_NAME || params.ExternalId !== EXTERNAL_ID) {
      return new ServiceError('AccessDenied', `not authorized to perform sts:AssumeRole on ${arn}`, 403);
    }
    if (this.options.unassumable.has(account.id)) {
      return new ServiceError('AccessDenied', `not authorized to perform sts:AssumeRole on ${arn}`, 403);
    }
    return {
      Credentials: {
        AccessKeyId: `ASIA${account.id}`,
        SecretAccessKey: 'bench',
        SessionToken: `session-${account.id}`,
        Expiration: new Date(Date.now() + 3_600_000),
      },
      AssumedRoleUser: {
        AssumedRoleId: `AROABENCH:${String(params.RoleSessionName)}`,
        Arn: `arn:aws:sts::${account.id}:assumed-role/${ROLE_NAME}/${String(params.RoleSessionName)}`,
      },
    };
  }

  private organizations(operation: string, params: Readonly<Record<string, unknown>>): Json | ServiceError {
    if (params.ParentId !== OU) return { Accounts: [], OrganizationalUnits: [] };
    if (operation === 'ListOrganizationalUnitsForParent') return { OrganizationalUnits: [] };
    const { max } = pageSizeOf(`organizations:${operation}`);
    const size = Math.min(Number(params.MaxResults ?? max), max);
    const offset = Number(params.NextToken ?? 0);
    const accounts = this.options.accounts.slice(offset, offset + size).map((a) => ({
      Id: a.id,
      Name: a.name,
      Arn: `arn:aws:organizations::${HOME}:account/o-bench/${a.id}`,
      State: 'ACTIVE',
    }));
    const next = offset + size < this.options.accounts.length ? String(offset + size) : undefined;
    return { Accounts: accounts, ...(next === undefined ? {} : { NextToken: next }) };
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const parsed = parse(request, Buffer.concat(chunks).toString('utf8'));
    const auth = String(request.headers.authorization ?? '');
    const [, key = '', region = ''] = /Credential=([^/]+)\/\d+\/([^/]+)\//.exec(auth) ?? [];
    const assumed = ASSUMED_KEY.exec(key)?.[1];
    const account =
      key === HOME_KEY
        ? this.accounts.get(HOME)
        : assumed === undefined
          ? undefined
          : this.accounts.get(assumed);
    const operation = `${parsed.service}:${parsed.operation}`;
    const tenant = account?.id ?? 'unknown';
    const label = tenant === HOME ? 'home' : tenant;
    const counts = this.counts[label] ?? {};
    this.counts[label] = counts;
    const count = counts[operation] ?? { calls: 0, throttled: 0 };
    counts[operation] = count;
    count.calls += 1;
    const admitted = this.admit(`${tenant}/${region}/${operation}`, operation);
    if (!admitted) count.throttled += 1;
    let result: Json | ServiceError;
    if (!admitted) {
      result = new ServiceError(
        parsed.protocol === 'query' ? 'Throttling' : 'ThrottlingException',
        'Rate exceeded',
      );
    } else if (account === undefined) {
      result = new ServiceError(
        'InvalidClientTokenId',
        'The security token included in the request is invalid.',
        403,
      );
    } else if (operation === 'sts:AssumeRole') {
      result =
        account.id === HOME
          ? this.assumeRole(parsed.params)
          : new ServiceError('AccessDenied', 'only Preflight assumes roles', 403);
    } else if (parsed.service === 'organizations') {
      result =
        account.id === HOME
          ? this.organizations(parsed.operation, parsed.params)
          : new ServiceError('AccessDeniedException', 'not the management or a delegated account');
    } else {
      const handler = this.operationsOf(account)[operation];
      result =
        handler === undefined
          ? new ServiceError('UnknownOperationException', `bench endpoint does not serve ${operation}`)
          : handler(parsed.params);
    }
    await new Promise((resolve) => setTimeout(resolve, this.options.latencyMs));
    send(response, parsed, result);
  }
}
