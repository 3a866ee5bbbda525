import { z } from 'zod';
import type { PreflightConfig } from '../config/schema';
import { resolveTarget } from '../services/resolve';

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
  /**
   * The services whose sign-offs differ from `approvers` (`services.<name>.signoffs`): role → who
   * may answer for it, for that service's gates only. A gate's request record names its service.
   */
  services: z
    .record(z.string(), z.strictObject({ approvers: z.record(z.string(), z.array(z.string())) }))
    .optional(),
});
export type ControlSettings = z.output<typeof ControlSettingsSchema>;

type Signoffs = PreflightConfig['gate']['signoffs'];
const approversOf = (signoffs: Pick<Signoffs, 'roles' | 'approvers'>) =>
  Object.fromEntries(signoffs.roles.map((role) => [role, signoffs.approvers[role] ?? []]));

/** Each service whose roles or approvers are its own (the others use the defaults). */
function serviceApprovers(config: PreflightConfig): ControlSettings['services'] {
  const defaults = JSON.stringify(approversOf(config.gate.signoffs));
  const services = Object.entries(config.services).flatMap(([name, service]) => {
    const approvers = approversOf(
      resolveTarget(config, { service: name, environment: service.environments[0] }).signoffs,
    );
    return JSON.stringify(approvers) === defaults ? [] : [[name, { approvers }] as const];
  });
  return services.length === 0 ? undefined : Object.fromEntries(services);
}

/** The control settings of a validated configuration. */
export function controlSettings(config: PreflightConfig): ControlSettings {
  const services = serviceApprovers(config);
  return {
    approvers: approversOf(config.gate.signoffs),
    ...(services === undefined ? {} : { services }),
    ...(config.gate.window === undefined ? {} : { overrideBy: config.gate.window.overrideBy }),
    abortBy: config.watch.abortBy,
  };
}
