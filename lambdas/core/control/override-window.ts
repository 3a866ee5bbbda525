import { ownEntry } from '../own';
import { didYouMean } from '../suggest';
import { controlKeys } from './keys';
import type { ControlPorts } from './ports';
import { allowingPattern, type Caller } from './principal';
import { type WindowOverrideRecord, WindowOverrideRecordSchema } from './records';
import type { OverrideWindowControlRequest, RequestProblem } from './request';
import { badRequest, type ControlResponse, conflict, forbidden, notFound, ok } from './response';
import type { ControlSettings } from './settings';

/**
 * The override must name a gate that exists when services are configured: the gate believes an
 * override only for its own service and environment, and the first override of a deployment stands,
 * so one naming a mistyped gate would block the right one.
 */
function gateProblems(
  request: OverrideWindowControlRequest,
  gates: ControlSettings['gates'],
): RequestProblem[] {
  if (gates === undefined) return [];
  const services = Object.keys(gates);
  if (request.service === undefined || request.environment === undefined) {
    return [
      {
        field: request.service === undefined ? 'service' : 'environment',
        message: 'got nothing; expected the service and environment of the gate the override opens',
      },
    ];
  }
  const environments = ownEntry(gates, request.service);
  if (environments === undefined) {
    return [
      {
        field: 'service',
        message: `got ${JSON.stringify(request.service)}; expected a configured service: ${services.join(', ')}${didYouMean(request.service, services)}`,
      },
    ];
  }
  return environments.includes(request.environment)
    ? []
    : [
        {
          field: 'environment',
          message: `got ${JSON.stringify(request.environment)}; expected an environment of service ${JSON.stringify(request.service)}: ${environments.join(', ')}${didYouMean(request.environment, environments)}`,
        },
      ];
}

/**
 * Records that a deployment may go out outside the deployment window, and who decided it. Only
 * principals listed in `gate.window.overrideBy` may; the first override of a deployment stands.
 */
export async function overrideWindow(
  request: OverrideWindowControlRequest,
  caller: Caller,
  settings: ControlSettings,
  ports: ControlPorts,
  now: Date,
): Promise<ControlResponse> {
  if (settings.overrideBy === undefined) {
    return notFound('No deployment window is configured (gate.window): there is nothing to override.');
  }
  if (allowingPattern(caller, settings.overrideBy) === undefined) {
    return forbidden(caller, 'override the deployment window', settings.overrideBy, 'gate.window.overrideBy');
  }
  const problems = gateProblems(request, settings.gates);
  if (problems.length > 0) return badRequest(problems);
  const record: WindowOverrideRecord = {
    deploymentId: request.deploymentId,
    ...(request.service === undefined ? {} : { service: request.service }),
    ...(request.environment === undefined ? {} : { environment: request.environment }),
    reason: request.reason,
    by: caller.arn,
    at: now.toISOString(),
  };
  const key = controlKeys.windowOverride(request.deploymentId);
  if ((await ports.store.putJsonIfAbsent(key, record)) === 'exists') {
    const first = WindowOverrideRecordSchema.safeParse(await ports.store.getJson(key));
    return conflict(
      `The window was already overridden for ${request.deploymentId}${first.success ? ` by ${first.data.by} at ${first.data.at}: ${first.data.reason}` : ''}; the first override stands.`,
      first.success ? { first: first.data } : {},
    );
  }
  const gate = [request.service, request.environment].filter(Boolean).join(' ');
  return ok(
    `Window overridden for ${gate === '' ? '' : `${gate} `}${request.deploymentId} by ${record.by} at ${record.at}: ${record.reason}`,
    { override: record },
  );
}
