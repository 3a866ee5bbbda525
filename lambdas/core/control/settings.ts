import { z } from 'zod';
import type { PreflightConfig } from '../config/schema';

/*
 * Who may do what through the control endpoint, taken from the configuration at synth time and given
 * to the control function (and nothing else of the configuration).
 */

export const ControlSettingsSchema = z.strictObject({
  /** Sign-off role → principal patterns that may answer for it (`gate.signoffs.approvers`). */
  approvers: z.record(z.string(), z.array(z.string())),
  /** Who may override the deployment window; absent when no window is configured. */
  overrideBy: z.array(z.string()).optional(),
  /** Who may abort a watched deployment (`watch.abortBy`). */
  abortBy: z.array(z.string()),
});
export type ControlSettings = z.output<typeof ControlSettingsSchema>;

/** The control settings of a validated configuration. */
export function controlSettings(config: PreflightConfig): ControlSettings {
  return {
    approvers: Object.fromEntries(
      config.gate.signoffs.roles.map((role) => [role, config.gate.signoffs.approvers[role] ?? []]),
    ),
    ...(config.gate.window === undefined ? {} : { overrideBy: config.gate.window.overrideBy }),
    abortBy: config.watch.abortBy,
  };
}
