/** Whether `value` names a time zone this runtime knows (IANA, e.g. `UTC`, `Europe/Paris`). */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
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
