/** The zone's name as the runtime resolves it (canonical IANA spelling), or undefined if unknown. */
function resolvedZone(value: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/**
 * Whether `value` names an IANA time zone this runtime knows (`UTC`, `Europe/Paris`). A UTC offset
 * (`+05:00`), which newer runtimes also take, is not an IANA zone, and EventBridge Scheduler refuses it.
 */
export function isTimeZone(value: string): boolean {
  return !/^[+-]/.test(value) && resolvedZone(value) !== undefined;
}

/**
 * The IANA spelling of a zone written in another case (`europe/paris`: `Europe/Paris`), or undefined
 * when `value` is spelt as IANA spells it (or names no zone). The runtime ignores case, but the
 * schedules' EventBridge Scheduler reads zones as IANA writes them: every part of an IANA name
 * starts with a capital (`America/Argentina/Buenos_Aires`, `Etc/GMT+5`, `US/Pacific`).
 */
export function ianaSpelling(value: string): string | undefined {
  if (!isTimeZone(value)) return undefined;
  const resolved = resolvedZone(value);
  if (resolved === undefined || resolved === value) return undefined;
  const capitalized = value.split('/').every((part) => /^[A-Z]/.test(part));
  const sameName = resolved.toLowerCase() === value.toLowerCase();
  return sameName || !capitalized ? resolved : undefined;
}

/**
 * The calendar day `now` falls on in `timeZone`, as midnight UTC of that day: what a person there
 * calls today, e.g. 1 January in Sydney while it is still 31 December in UTC.
 */
export function dayIn(now: Date, timeZone: string): Date {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(now);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return new Date(Date.UTC(part('year'), part('month') - 1, part('day')));
}
