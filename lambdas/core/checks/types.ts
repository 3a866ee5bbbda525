import type { CheckId, CheckSettings } from '../config/schema';
import type { Finding } from '../findings';
import type { Release } from '../release';
import type { CheckScope } from '../scope/check-scope';
import type { ScopePorts } from '../scope/ports';
import type { ScopeResourceType } from '../scope/types';
import type { AlarmsPorts } from './alarms/ports';
import type { HttpApiPorts, RestApiPorts } from './api-gateway/ports';
import type { BackupsPorts } from './backups/ports';
import type { CorsPorts } from './cors/ports';
import type { DeploysPorts } from './deploys/ports';
import type { ImagesPorts } from './images/ports';
import type { LoadBalancingPorts } from './load-balancing/ports';
import type { NetworkPorts } from './network/ports';
import type { ObservabilityPorts } from './observability/ports';
import type { WafPorts } from './rate-limiting/ports';
import type { ScalingPorts } from './scaling/ports';
import type { SecretsPorts } from './secrets/ports';
import type { StoragePorts } from './storage/ports';
import type { TlsPorts } from './tls/ports';
import type { TracingPorts } from './tracing/ports';
import type { WorkloadsPorts } from './workloads/ports';

/**
 * Everything a check may ask of an account. The AWS adapters (`lambdas/aws`) and the
 * built-in sample account (`lambdas/sample`) both implement it, so the same checks run on either.
 */
export interface AccountPorts {
  readonly backups: BackupsPorts;
  readonly tls: TlsPorts;
  readonly secrets: SecretsPorts;
  readonly alarms: AlarmsPorts;
  /** Log groups and metrics: log-delivery and metrics-collection. */
  readonly observability: ObservabilityPorts;
  /** Lambda functions and state machines: tracing. */
  readonly tracing: TracingPorts;
  /** ELBv2 target groups: load-balancer-health-checks. */
  readonly loadBalancing: LoadBalancingPorts;
  /** WAF web ACLs of resources: rate-limiting. */
  readonly waf: WafPorts;
  /** Lambda function URLs' CORS settings: cors-policies. */
  readonly cors: CorsPorts;
  /** Scalable targets, Auto Scaling groups and their policies: auto-scaling-policies. */
  readonly scaling: ScalingPorts;
  /** DB instances, running EC2 instances and storage metrics: disk-space. */
  readonly storage: StoragePorts;
  /** ECS services and task definitions, service quotas, secret metadata: resource-limits, environment-variables. */
  readonly workloads: WorkloadsPorts;
  /** ECR and Amazon Inspector: image-scans, images-pushed. */
  readonly images: ImagesPorts;
  /** CodeDeploy groups, ECS services, Lambda aliases, SSM Automation runs: deployment-strategy, rollback-tested. */
  readonly deploys: DeploysPorts;
  /** Network interfaces, security group rules and flow logs: network-configuration. */
  readonly network: NetworkPorts;
  /** What resolving a service's scope reads (tags, stacks). */
  readonly scope: ScopePorts;
  /** REST APIs, their stages and usage plans: tracing, rate-limiting. */
  readonly restApis: RestApiPorts;
  /** HTTP APIs and their stages: rate-limiting, cors-policies. */
  readonly httpApis: HttpApiPorts;
}

/**
 * What a check judges for a service. `resources`: the service's resources of these kinds (tags,
 * stacks, ARNs, names); `settings`: what the service's settings name (its TLS endpoints);
 * `account`: the account as a whole, judged once per account whatever the service; `release`: the
 * images the gate's input names.
 */
export type CheckScopeKind =
  | { readonly kind: 'resources'; readonly types: readonly ScopeResourceType[] }
  | { readonly kind: 'settings'; readonly key: string }
  | { readonly kind: 'account' }
  /** The images of the gate's release, in the region of the task. */
  | { readonly kind: 'release' };

/** IAM actions resolving a service's scope takes: the tagging query and stack listings. */
export const SCOPE_PERMISSIONS = [
  'tag:GetResources',
  'cloudformation:ListStackResources',
  // The account and partition, to build ARNs of resources a stack names by name; allowed without policy.
  'sts:GetCallerIdentity',
] as const;

/**
 * An IAM action a check needs on some resources only, as ARN patterns without their
 * `arn:<partition>:` prefix (the stack adds its partition), e.g. `apigateway:*::/restapis`.
 */
export interface ResourcePermission {
  readonly action: string;
  readonly resources: readonly string[];
}

/** What a run gives a check beside its settings: the release being deployed, the region it reads. */
export interface CheckRunContext {
  /** The images a gate deploys (absent in scheduled runs and audits without a release). */
  readonly release?: Release;
  /** The region the account ports reach; absent for the one the caller runs in. */
  readonly region?: string;
}

/**
 * What is known of a check without running it: plain data, read by planning, selection, the report,
 * the CLI and the stack (IAM). Each family writes its entries once, in `<family>/catalogue.ts`.
 */
export interface CheckEntry<Id extends CheckId = CheckId> {
  readonly id: Id;
  readonly title: string;
  /** IAM actions the check needs; read-only, metadata only. */
  readonly permissions: readonly string[];
  /** Actions allowed only on some resources: those whose `*` would also read secret material. @default none */
  readonly resourcePermissions?: readonly ResourcePermission[];
  /** What the check judges of a service (see {@link CheckScopeKind}). */
  readonly scope: CheckScopeKind;
}

/** A family's catalogue: its checks' entries, each under its own id. */
export type FamilyCatalogue = { readonly [Id in CheckId]?: CheckEntry<Id> };

/** One automated check: its catalogue entry, plus how it reads the account and judges it. */
export interface CheckDefinition<Id extends CheckId = CheckId> extends CheckEntry<Id> {
  /**
   * Produces findings for every resource in scope (the whole account unless `scope` narrows it).
   * Per-resource failures become ERROR findings inside; a failure that stops the whole check is
   * thrown and the runner records it.
   */
  run(
    account: AccountPorts,
    settings: CheckSettings[Id],
    now: Date,
    scope?: CheckScope,
    context?: CheckRunContext,
  ): Promise<Finding[]>;
}

/**
 * A family's definitions: exactly the checks of its catalogue, each holding its entry's values to the
 * literal (spread from the entry, `...catalogue[id]`), so a definition cannot disagree with its entry.
 */
export type FamilyDefinitions<Catalogue extends FamilyCatalogue> = {
  readonly [Id in keyof Catalogue & CheckId]: Catalogue[Id] & CheckDefinition<Id>;
};
