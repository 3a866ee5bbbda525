/*
 * What EventBridge Scheduler accepts as a recurring expression, beyond its shape: a rate of at least
 * 1 with the unit in the singular for 1 and the plural above, and cron fields within their ranges,
 * with `?` in exactly one of day-of-month and day-of-week. Found at synth, not by a failed deploy.
 */

interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  /** Tokens of this field beyond values, ranges and increments (`L`, `15W`, `6L`, `MON#1`). */
  readonly special?: RegExp;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const FIELDS: readonly CronField[] = [
  { name: 'minutes', min: 0, max: 59 },
  { name: 'hours', min: 0, max: 23 },
  { name: 'days of the month', min: 1, max: 31, special: /^(\?|L|LW|([1-9]|[12]\d|3[01])W)$/ },
  { name: 'months', min: 1, max: 12, names: MONTHS },
  {
    name: 'days of the week',
    min: 1,
    max: 7,
    names: WEEKDAYS,
    special: /^(\?|L|([1-7]|SUN|MON|TUE|WED|THU|FRI|SAT)(L|#[1-5]))$/i,
  },
  { name: 'years', min: 1970, max: 2199 },
];

function fieldValue(token: string, field: CronField): number | undefined {
  if (/^\d+$/.test(token)) return Number(token);
  const index = field.names?.indexOf(token.toUpperCase()) ?? -1;
  return index < 0 ? undefined : index + 1;
}

/** What is wrong with one cron field (1-based `position`), or undefined. */
function fieldProblem(text: string, field: CronField, position: number): string | undefined {
  const where = `in field ${position} of the cron expression`;
  const range = `expected ${field.name} from ${field.min} to ${field.max}${field.names ? ` (or ${field.names[0]}-${field.names.at(-1)})` : ''} ${where}`;
  for (const element of text.split(',')) {
    if (field.special?.test(element)) continue;
    const match = /^(\*|([^-/]+)(?:-([^-/]+))?)(?:\/(\d+))?$/.exec(element);
    if (match === null) return `${range}, got ${element}`;
    const [, , from, to, step] = match;
    for (const token of [from, to]) {
      if (token === undefined) continue;
      const value = fieldValue(token, field);
      if (value === undefined || value < field.min || value > field.max) return `${range}, got ${token}`;
    }
    if (step !== undefined && Number(step) < 1) return `expected an increment of at least 1 ${where}`;
  }
  return undefined;
}

function cronProblem(fields: readonly string[]): string | undefined {
  for (const [index, field] of FIELDS.entries()) {
    const problem = fieldProblem(fields[index] ?? '', field, index + 1);
    if (problem !== undefined) return problem;
  }
  if ((fields[2] === '?') === (fields[4] === '?')) {
    return 'expected ? in exactly one of the day-of-month and day-of-week fields';
  }
  return undefined;
}

/**
 * Why a recurring schedule expression (already of the shape `rate(...)`, `cron(...)` or `at(...)`)
 * would not deploy or would not recur, or undefined.
 */
export function recurringScheduleProblem(expression: string): string | undefined {
  if (expression.startsWith('at(')) {
    return 'expected a recurring schedule, rate(...) or cron(...): at(...) runs once';
  }
  const rate = /^rate\((\d+) (minute|hour|day)(s?)\)$/.exec(expression);
  if (rate !== null) {
    const [, amount, unit, plural] = rate;
    const value = Number(amount);
    if (value < 1) return 'expected a rate of at least 1';
    if (value === 1 && plural === 's') return `expected rate(1 ${unit}): a rate of 1 takes the singular unit`;
    if (value > 1 && plural === '')
      return `expected rate(${value} ${unit}s): a rate above 1 takes the plural unit`;
    return undefined;
  }
  const cron = /^cron\((.*)\)$/.exec(expression);
  return cron === null ? undefined : cronProblem((cron[1] ?? '').split(' '));
}
