import * as z from '../zod';
import { ENVIRONMENT_NAME, ENVIRONMENT_NAME_HINT, RegionSchema } from './environments-schema';
import { eachOnce } from './listed-once';
import { PrincipalPatternSchema } from './principal-pattern';

/*
 * The services a platform team runs (`services` in the configuration). Each names the resources that
 * belong to it, the environments it runs in, and what differs from the defaults: the top-level
 * `checks`, `watch` and `gate.signoffs` apply to every service, and a service overrides them key by
 * key. Overrides are checked here for their shape only; `core/services/resolve.ts` merges them with
 * the defaults and the merged settings are validated by the sections' own schemas (`validate.ts`).
 */

export const SERVICE_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const SERVICE_NAME_HINT = 'expected a lower-case service name such as orders-api';
/** `{loadBalancer}` in a watch metric is filled from the service's (or environment's) `values`. */
export const PLACEHOLDER_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const PLACEHOLDER_HINT = 'expected a placeholder name such as loadBalancer (letters, digits, _)';

const TagKeySchema = z.string().check(z.minLength(1), z.maxLength(128));
const TagValueSchema = z.string().check(z.maxLength(256));
const ArnSchema = z
  .string()
  .check(z.regex(/^arn:aws[a-z-]*:[a-z0-9-]+:/, 'expected an ARN such as arn:aws:rds:…'));
const StackNameSchema = z
  .string()
  .check(
    z.regex(/^[A-Za-z][A-Za-z0-9-]{0,127}$/, 'expected a CloudFormation stack name such as orders-api-prod'),
  );

/**
 * Which resources belong to the service: every tag given must match (`{"service": "orders-api"}`),
 * or the resource is in one of the stacks, or its ARN or name is listed. At least one selector.
 */
export const ResourceSelectorSchema = z
  .strictObject({
    tags: z._default(z.record(TagKeySchema, TagValueSchema), {}),
    stacks: z._default(z.array(StackNameSchema).check(eachOnce('stack')), []),
    arns: z._default(z.array(ArnSchema).check(eachOnce('ARN')), []),
    names: z._default(
      z.array(z.string().check(z.minLength(1), z.maxLength(512))).check(eachOnce('name')),
      [],
    ),
  })
  .check(
    z.refine(
      (r) => Object.keys(r.tags).length + r.stacks.length + r.arns.length + r.names.length > 0,
      'expected at least one of tags, stacks, arns or names: a service owns something',
    ),
  );

const Values = z.record(
  z.string().check(z.regex(PLACEHOLDER_NAME, PLACEHOLDER_HINT)),
  z.string().check(z.minLength(1), z.maxLength(1024)),
);

/** The keys of `watch` a service may override (validated once merged) plus its template values. */
const ServiceWatchSchema = z.strictObject({
  minutes: z.optional(z.unknown()),
  periodSeconds: z.optional(z.unknown()),
  ingestionLagSeconds: z.optional(z.unknown()),
  baseline: z.optional(z.record(z.string(), z.unknown())),
  maxNoDataMinutes: z.optional(z.unknown()),
  /** Metric ids this service maps differently; each replaces the default's definition of that id. */
  metrics: z.optional(z.record(z.string(), z.unknown())),
  /** Per trigger, key by key over the defaults. */
  triggers: z.optional(z.record(z.string(), z.record(z.string(), z.unknown()))),
  /** The service's rollback target (replaces `watch.rollback` whole). */
  rollback: z.optional(z.unknown()),
  abortBy: z.optional(z.unknown()),
  /** Values for the placeholders of metric templates, e.g. `{"loadBalancer": "app/orders/50dc6c495c0c9188"}`. */
  values: z._default(Values, {}),
  /** Per environment: its own values (over the service's), rollback target and the region watched. */
  environments: z._default(
    z.record(
      z.string().check(z.regex(ENVIRONMENT_NAME, ENVIRONMENT_NAME_HINT)),
      z.strictObject({
        values: z._default(Values, {}),
        rollback: z.optional(z.unknown()),
        /** The region whose metrics the watch reads. @default the environment's first region */
        region: z.optional(RegionSchema),
      }),
    ),
    {},
  ),
});

export const ServiceSchema = z.strictObject({
  description: z.optional(z.string().check(z.maxLength(500))),
  /** The environments (keys of `environments`) the service is deployed to. */
  environments: z.array(z.string().check(z.regex(ENVIRONMENT_NAME, ENVIRONMENT_NAME_HINT))).check(
    z.minLength(1),
    z.refine((names) => new Set(names).size === names.length, 'expected each environment once'),
  ),
  resources: ResourceSelectorSchema,
  /** The service's endpoints, probed by `tls-endpoints` (replace `checks.tls-endpoints.endpoints`). */
  tlsEndpoints: z.optional(z.array(z.unknown())),
  /** Alarms the service must have (replace `checks.alarms.requiredAlarms`). */
  requiredAlarms: z.optional(z.array(z.unknown())),
  /** Metrics that must have datapoints, judged by `metrics-collection` (replace `checks.metrics-collection.metrics`). */
  keyMetrics: z.optional(z.array(z.unknown())),
  /** Who must sign off the service's releases, and who may answer for each role. */
  signoffs: z.optional(
    z.strictObject({
      roles: z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(200)))),
      approvers: z.optional(z.record(z.string(), z.array(PrincipalPatternSchema))),
    }),
  ),
  /** Check settings, key by key over `checks`: `{"database-backups": {"rpoHours": 4}}`. */
  checks: z.optional(z.record(z.string(), z.record(z.string(), z.unknown()))),
  watch: z.prefault(ServiceWatchSchema, {}),
  /**
   * Whether account-wide findings (IAM keys and other account baselines, judged once per account)
   * block this service's gate. @default gate.accountFindings
   */
  accountFindings: z.optional(z.enum(['block', 'report'])),
});

export type ServiceSettings = z.output<typeof ServiceSchema>;

export const ServicesSchema = z._default(
  z.record(z.string().check(z.regex(SERVICE_NAME, SERVICE_NAME_HINT)), ServiceSchema),
  {},
);
