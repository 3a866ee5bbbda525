import type { PreflightConfig } from '../config/schema';
import { ownEntry } from '../own';
import { resolveTarget } from '../services/resolve';
import type { ControlSettings } from './settings-schema';

/*
 * The control function's settings, taken from the configuration at synth time and given to the
 * control function (and nothing else of the configuration). Synth-time code: the function itself
 * imports only the schema (`settings-schema.ts`).
 */

export { type ControlSettings, ControlSettingsSchema } from './settings-schema';

type Signoffs = PreflightConfig['gate']['signoffs'];
const approversOf = (signoffs: Pick<Signoffs, 'roles' | 'approvers'>) =>
  Object.fromEntries(signoffs.roles.map((role) => [role, ownEntry(signoffs.approvers, role) ?? []]));

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
  const gates = Object.entries(config.services).map(([name, service]) => [name, [...service.environments]]);
  return {
    approvers: approversOf(config.gate.signoffs),
    ...(gates.length === 0 ? {} : { gates: Object.fromEntries(gates) }),
    ...(services === undefined ? {} : { services }),
    ...(config.gate.window === undefined ? {} : { overrideBy: config.gate.window.overrideBy }),
    abortBy: config.watch.abortBy,
  };
}
