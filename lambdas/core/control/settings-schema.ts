import * as z from '../zod';

/*
 * Who may do what through the control endpoint: the control function's slice of the configuration,
 * computed at synth time (`settings.ts`) and validated again when the function reads it. Apart from
 * the synth-time code, so the function bundles this schema and not the whole configuration's.
 */

export const ControlSettingsSchema = z.strictObject({
  /** Sign-off role → principal patterns that may answer for it (`gate.signoffs.approvers`). */
  approvers: z.record(z.string(), z.array(z.string())),
  /** Who may override the deployment window; absent when no window is configured. */
  overrideBy: z.optional(z.array(z.string())),
  /** Who may abort a watched deployment (`watch.abortBy`). */
  abortBy: z.array(z.string()),
  /**
   * The gates that exist: each configured service and its environments. A window override names
   * the gate it opens, and one naming no such gate would stand as the deployment's first override
   * while no gate believes it. Absent when no services are configured.
   */
  gates: z.optional(z.record(z.string(), z.array(z.string()))),
  /**
   * The services whose sign-offs differ from `approvers` (`services.<name>.signoffs`: role → who may
   * answer for it, for that service's gates only; a gate's request record names its service) or
   * whose aborts differ from `abortBy` (`services.<name>.watch.abortBy`; a watch's input names it).
   */
  services: z.optional(
    z.record(
      z.string(),
      z.strictObject({
        approvers: z.optional(z.record(z.string(), z.array(z.string()))),
        abortBy: z.optional(z.array(z.string())),
      }),
    ),
  ),
});
export type ControlSettings = z.output<typeof ControlSettingsSchema>;
