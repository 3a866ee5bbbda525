import { firstNonPlainCharacter } from '../plain-text';
import type { ConfigProblem } from './validate';

/*
 * The configuration's text reaches every report, e-mail, step summary and log: a mute's reason under
 * each finding it mutes, a custom item's title, a sign-off role, a tag. A line break there forges a
 * line of its own (`PASS …` under a muted FAIL), an escape sequence rewrites the reader's terminal,
 * a bidi override makes it read other than it is. So every key and every text value is plain text:
 * no control or format character (no value of the configuration needs one; a JSON `\n` written as
 * two characters in a pattern is plain).
 */

const EXPECTED = 'expected plain text, without a control or format character';
const WHY = 'reports, e-mails and logs show it';

function walk(value: unknown, path: readonly PropertyKey[], problems: ConfigProblem[]): void {
  if (typeof value === 'string') {
    const code = firstNonPlainCharacter(value);
    if (code !== undefined)
      problems.push({ key: keyOf(path), value, expected: `${EXPECTED} (${code}): ${WHY}` });
    return;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) walk(item, [...path, index], problems);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, item] of Object.entries(value)) {
    const code = firstNonPlainCharacter(key);
    if (code !== undefined) {
      problems.push({
        key: keyOf([...path, key]),
        value: key,
        expected: `${EXPECTED} (${code}) in a key: ${WHY}`,
      });
      continue;
    }
    walk(item, [...path, key], problems);
  }
}

/** A key as the configuration's problems name it (`mutes.[0].reason`), as `validate.ts` does. */
function keyOf(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((part) => {
      if (typeof part === 'number') return `[${part}]`;
      const key = String(part);
      return key === '' || key.includes('.') || key.trim() !== key ? JSON.stringify(key) : key;
    })
    .join('.');
}

/** Every key and text value of the parsed file holding a control or format character. */
export function plainTextProblems(raw: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  walk(raw, [], problems);
  return problems;
}
