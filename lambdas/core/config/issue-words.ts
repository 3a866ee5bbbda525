import type * as z from '../zod';

/*
 * What a configuration value is expected to be, in the house words, for an issue the schema library
 * reported in its own ("Too small: expected array to have >=1 items", "Invalid key in record",
 * "Invalid option: expected one of "WARN"|"FAIL"", "Invalid email address"). A schema's own message
 * already says what is expected (it starts with "expected") and is kept as written.
 */

type Issue = z.core.$ZodIssue;

const TYPE_WORDS: Readonly<Record<string, string>> = {
  record: 'object',
  int: 'whole number',
};

const plural = (count: number | bigint, one: string) =>
  `${count} ${one}${count === 1 || count === 1n ? '' : 's'}`;

/** What a value of `origin` (string, array, number...) counts in. */
function measure(origin: string, bound: number | bigint): string {
  if (origin === 'string') return plural(bound, 'character');
  if (origin === 'array' || origin === 'set') return plural(bound, 'item');
  if (origin === 'object' || origin === 'record' || origin === 'map') return plural(bound, 'key');
  return String(bound);
}

function sizeWords(issue: Extract<Issue, { code: 'too_small' | 'too_big' }>): string {
  const small = issue.code === 'too_small';
  const bound = small ? issue.minimum : issue.maximum;
  const inclusive = issue.inclusive !== false;
  if (issue.exact === true) return `expected exactly ${measure(issue.origin, bound)}`;
  const word = small ? (inclusive ? 'at least' : 'more than') : inclusive ? 'at most' : 'less than';
  return `expected ${word} ${measure(issue.origin, bound)}`;
}

function formatWords(issue: Extract<Issue, { code: 'invalid_format' }>): string {
  switch (issue.format) {
    case 'email':
      return 'expected an email address such as oncall@example.com';
    case 'url':
      return 'expected a URL such as https://example.com';
    case 'datetime':
      return 'expected an ISO 8601 time such as 2026-11-26T09:12:00Z';
    case 'regex':
      return `expected text matching ${(issue as { pattern?: string }).pattern ?? 'the pattern'}`;
    default:
      return `expected ${issue.format === undefined ? 'another format' : `a valid ${issue.format}`}`;
  }
}

/** The house `expected ...` for one issue (an unknown key is worded by the caller). */
export function expectedWords(issue: Issue): string {
  if (issue.message.startsWith('expected')) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
    case 'too_small':
    case 'too_big':
      return sizeWords(issue);
    case 'invalid_value':
      return issue.values.length === 1
        ? `expected ${JSON.stringify(issue.values[0])}`
        : `expected one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'invalid_format':
      return formatWords(issue);
    case 'not_multiple_of':
      return `expected a multiple of ${issue.divisor}`;
    case 'invalid_key': {
      // The key's own schema says what a key must be.
      const inner = issue.issues[0];
      return inner === undefined ? 'expected another key' : expectedWords(inner);
    }
    case 'invalid_element': {
      const inner = issue.issues[0];
      return inner === undefined ? 'expected another value' : expectedWords(inner);
    }
    case 'invalid_union': {
      const options = issue.errors.map((branch) => branch[0]).filter((first) => first !== undefined);
      const words = [...new Set(options.map((first) => expectedWords(first).replace(/^expected /, '')))];
      return words.length === 0 ? 'expected another value' : `expected ${words.join(' or ')}`;
    }
    default:
      return issue.message;
  }
}
