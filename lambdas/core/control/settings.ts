import type { PreflightConfig } from '../config/schema';
import { resolveTarget } from '../services/resolve';
import * as z from '../zod';

/*
 * Who may do what through the control endpoint, taken from the configuration at synth time and given
 * to the control function (and nothing else of the configuration).
 */

export const ControlSettingsSchema = z.strictObject({
  /** Sign-off role → principal patterns that may answer for it (`gate.signoffs.approvers`). */
  approvers: z.record(z.string(), z.array(z.string())),
  /** Who may override the deployment window; absent when no window is configured. */
  overrideBy: z.optional(z.array(z.string())),
  /** Who may abort a watched deployment (`watch.abortBy`). */
  abortBy: z.array(z.string()),
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

type Signoffs = PreflightConfig['gate']['signoffs'];
const approversOf = (signoffs: Pick<Signoffs, 'roles' | 'approvers'>) =>
  Object.fromEntries(signoffs.roles.map((role) => [role, signoffs.approvers[role] ?? []]));

/** Each service whose approvers or abort list are its own (the others use the defaults). */
function serviceOverrides(config: PreflightConfig): ControlSettings['services'] {
  const defaultApprovers = JSON.stringify(approversOf(config.gate.signoffs));
  const defaultAbortBy = JSON.stringify(config.watch.abortBy);
  const services = Object.entries(config.services).flatMap(([name, service]) => {
    const target = resolveTarget(config, { service: name, environment: service.environments[0] });
    const approvers = approversOf(target.signoffs);
    const own = {
      ...(JSON.stringify(approvers) === defaultApprovers ? {} : { approvers }),
      ...(JSON.stringify(target.watch.abortBy) === defaultAbortBy ? {} : { abortBy: target.watch.abortBy }),
    };
    return Object.keys(own).length === 0 ? [] : [[name, own] as const];
  });
  return services.length === 0 ? undefined : Object.fromEntries(services);
}

/** The control settings of a validated configuration. */
export function controlSettings(config: PreflightConfig): ControlSettings {
  const services = serviceOverrides(config);
  return {
    approvers: approversOf(config.gate.signoffs),
    ...(services === undefined ? {} : { services }),
    ...(config.gate.window === undefined ? {} : { overrideBy: config.gate.window.overrideBy }),
    abortBy: config.watch.abortBy,
  };
}
