/**
 * Whether `value` is a calendar day written `YYYY-MM-DD`. The pattern alone takes `2026-02-30` (no
 * such day) and `2026-13-01` (no such month; building a date from it throws), so the day is built and
 * read back.
 */
export function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d\d-\d\d$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}
