/** Whether `value` names a time zone this runtime knows (IANA, e.g. `UTC`, `Europe/Paris`). */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
