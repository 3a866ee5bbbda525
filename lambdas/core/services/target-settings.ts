import { EnvironmentsSchema } from '../config/environments-schema';
import { SignoffsSchema } from '../config/gate-schema';
import { MutesSchema } from '../config/mutes-schema';
import { ChecklistSettingsSchema, ChecksSettingsSchema, type PreflightConfig } from '../config/schema';
import { ServicesSchema } from '../config/services-schema';
import { WatchSettingsSchema } from '../config/watch-schema';
import * as z from '../zod';

/*
 * The deployment watch's slice of the configuration: the sections a service's target is resolved
 * from (`TargetConfig`) and what its follow-ups keep (the checklist, the mutes). Computed at synth
 * time from the validated configuration, written into the watch machine's definition, and validated
 * again when the watch starts, against these sections' own schemas instead of the whole
 * configuration's (its cross-section rules were checked at synth, on the configuration).
 */

export const WatchTargetSettingsSchema = z.strictObject({
  services: ServicesSchema,
  environments: EnvironmentsSchema,
  checks: ChecksSettingsSchema,
  watch: WatchSettingsSchema,
  gate: z.strictObject({ signoffs: SignoffsSchema, accountFindings: z.enum(['block', 'report']) }),
  checklist: ChecklistSettingsSchema,
  mutes: MutesSchema,
});
export type WatchTargetSettings = z.output<typeof WatchTargetSettingsSchema>;

/** The watch's slice of a validated configuration (notifications, integrations and the rest stay out). */
export function watchTargetSettings(config: PreflightConfig): WatchTargetSettings {
  const { services, environments, checks, watch, gate, checklist, mutes } = config;
  return {
    services,
    environments,
    checks,
    watch,
    gate: { signoffs: gate.signoffs, accountFindings: gate.accountFindings },
    checklist,
    mutes,
  };
}
