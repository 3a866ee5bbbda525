import { MutesSchema } from '../config/mutes-schema';
import { AccountIdSchema, RegionSchema } from '../config/place-schema';
import { ChecklistSettingsSchema, ChecksSettingsSchema, type PreflightConfig } from '../config/schema';
import { ResourceSelectorSchema } from '../config/services-schema';
import { WatchSettingsSchema } from '../config/watch-schema';
import { DeploymentIdSchema, EnvironmentNameSchema, ServiceNameSchema } from '../identifiers';
import type { ServiceTarget } from '../services/target';
import * as z from '../zod';

/*
 * What a deployment's follow-ups work with: the service's settings in its environment, as its watch
 * resolved them from the configuration when it started. The watch keeps them next to its decision
 * (`watches/<deployment id>/followup.json`), so a follow-up needs only the deployment's names, and the
 * settings of twenty services never have to fit in a function's environment variables.
 */

const RoleSchema = z.strictObject({
  arn: z.string().check(z.regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/)),
  externalId: z.optional(z.string()),
});

/** An environment as `resolveTarget` gives it (see `EnvironmentTarget`), read back from storage. */
const ReachSchema = z.strictObject({
  name: EnvironmentNameSchema,
  account: z.optional(AccountIdSchema),
  regions: z.readonly(z.array(RegionSchema)),
  role: z.optional(RoleSchema),
  rollbackRole: z.optional(RoleSchema),
  metricsVia: z.optional(z.enum(['access', 'observability'])),
  configured: z.boolean(),
});

export const FollowupSettingsSchema = z.strictObject({
  deploymentId: DeploymentIdSchema,
  service: ServiceNameSchema,
  environment: EnvironmentNameSchema,
  runId: z.string().check(z.minLength(1)),
  /** When the watch started: its baseline ends here, so the 24-hour trend compares with it. */
  startedAt: z.iso.datetime({ offset: true }),
  /** When the deployment began rolling out, when the watch's input gave it: the baseline ends there instead. */
  deploymentStartedAt: z.optional(z.iso.datetime({ offset: true })),
  /** The account and region as the configuration names them; absent: Preflight's own. */
  account: z.optional(AccountIdSchema),
  region: z.optional(RegionSchema),
  reach: ReachSchema,
  /** The service's resources, the follow-up checks' scope; absent: the whole account. */
  resources: z.optional(ResourceSelectorSchema),
  /** The service's `checks`, `checklist`, `watch` and the `mutes`, validated again as a configuration when read. */
  config: z.strictObject({
    checks: z.unknown(),
    checklist: z.unknown(),
    watch: z.unknown(),
    // The configuration's mutes hold in the follow-ups as in the gate; absent in settings kept before mutes.
    mutes: z.optional(z.unknown()),
  }),
});
export type FollowupSettings = z.output<typeof FollowupSettingsSchema>;

/**
 * The configuration a follow-up works with (`config` of the settings), read back from storage and so
 * validated again, each section by its own schema; mutes absent in settings kept before mutes.
 */
export const FollowupConfigSchema = z.strictObject({
  checks: z.prefault(ChecksSettingsSchema, {}),
  checklist: z.prefault(ChecklistSettingsSchema, {}),
  watch: z.prefault(WatchSettingsSchema, {}),
  mutes: MutesSchema,
});
export type FollowupConfig = z.output<typeof FollowupConfigSchema>;

/** The follow-up settings of a watch of `target`. */
export function followupSettings(
  config: Pick<PreflightConfig, 'checklist' | 'mutes'>,
  target: ServiceTarget,
  watch: Pick<
    FollowupSettings,
    | 'deploymentId'
    | 'service'
    | 'environment'
    | 'runId'
    | 'startedAt'
    | 'deploymentStartedAt'
    | 'account'
    | 'region'
  >,
): FollowupSettings {
  return {
    deploymentId: watch.deploymentId,
    service: watch.service,
    environment: watch.environment,
    runId: watch.runId,
    startedAt: watch.startedAt,
    ...(watch.deploymentStartedAt === undefined ? {} : { deploymentStartedAt: watch.deploymentStartedAt }),
    ...(watch.account === undefined ? {} : { account: watch.account }),
    ...(watch.region === undefined ? {} : { region: watch.region }),
    reach: target.environment,
    ...(target.implicit || target.resources === undefined ? {} : { resources: target.resources }),
    config: { checks: target.checks, checklist: config.checklist, watch: target.watch, mutes: config.mutes },
  };
}
