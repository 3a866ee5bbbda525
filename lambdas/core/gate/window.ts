import type { DeploymentWindow } from '../config/gate-schema';
import type { Finding } from '../findings';

export const WINDOW_CHECK_ID = 'deployment-window';
export const WINDOW_ITEM_ID = 'final.deployment-window';

/** An authorized person's decision to deploy outside the window anyway, as the control endpoint recorded it. */
export interface WindowOverride {
  readonly reason: string;
  /** The principal AWS authenticated. */
  readonly by: string;
  readonly at: string;
}

interface LocalTime {
  readonly date: string;
  readonly day: string;
  readonly time: string;
}

/** Date, weekday and HH:MM of `now` in `timeZone`. */
export function localTime(now: Date, timeZone: string): LocalTime {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    date: `${part('year')}-${part('month')}-${part('day')}`,
    day: part('weekday').toUpperCase().slice(0, 3),
    time: `${part('hour')}:${part('minute')}`,
  };
}

/** Why `now` is outside the window, or `undefined` when it is inside. */
function closedBecause(window: DeploymentWindow, local: LocalTime): string | undefined {
  if (window.blackoutDates.includes(local.date)) return `${local.date} is a blackout date`;
  if (!window.days.includes(local.day as DeploymentWindow['days'][number])) {
    return `${local.day} is not a deployment day (${window.days.join(', ')})`;
  }
  if (local.time < window.start || local.time >= window.end) {
    return `${local.time} is outside ${window.start}-${window.end}`;
  }
  return undefined;
}

/**
 * The "business hours deployment window" item. Outside the window the gate fails unless an
 * override with a reason is given; the override is recorded in the finding.
 */
export function evaluateWindow(
  window: DeploymentWindow | undefined,
  timeZone: string,
  now: Date,
  override?: WindowOverride,
): Finding[] {
  if (window === undefined) return [];
  const local = localTime(now, timeZone);
  const base = { checkId: WINDOW_CHECK_ID, itemId: WINDOW_ITEM_ID, rule: 'window', resource: timeZone };
  const evidence = { ...local, timeZone, window };
  const reason = closedBecause(window, local);
  if (reason === undefined) {
    return [
      {
        ...base,
        status: 'PASS',
        message: `Inside the deployment window (${local.day} ${local.time} ${timeZone}).`,
        evidence,
      },
    ];
  }
  if (override !== undefined) {
    return [
      {
        ...base,
        status: 'PASS',
        message: `Outside the deployment window (${reason}), overridden by ${override.by} at ${override.at}: ${override.reason}`,
        evidence: { ...evidence, override },
      },
    ];
  }
  return [
    {
      ...base,
      status: 'FAIL',
      message: `Outside the deployment window: ${reason} (${timeZone}).`,
      remediation:
        'Deploy inside the window, or have someone listed in gate.window.overrideBy override it (preflight gate --override-window "reason").',
      evidence,
    },
  ];
}
