import { abortWatch } from './abort';
import { overrideWindow } from './override-window';
import type { ControlPorts } from './ports';
import type { Caller } from './principal';
import { parseControlRequest } from './request';
import { badRequest, type ControlResponse } from './response';
import type { ControlSettings } from './settings';
import { answerSignoff } from './signoff';

/** One control request, from its decoded body and its authenticated caller to the response. */
export async function handleControlRequest(
  body: unknown,
  caller: Caller,
  settings: ControlSettings,
  ports: ControlPorts,
  now: Date,
): Promise<ControlResponse> {
  const parsed = parseControlRequest(body);
  if (!parsed.ok) return badRequest(parsed.problems);
  const { request } = parsed;
  switch (request.action) {
    case 'signoff':
      return answerSignoff(request, caller, settings, ports, now);
    case 'override-window':
      return overrideWindow(request, caller, settings, ports, now);
    case 'abort':
      return abortWatch(request, caller, settings, ports, now);
  }
}
