/**
 * Control and format characters (newline, escape, bidi overrides) and the Unicode line breaks: in a
 * name that is echoed (a terminal, a CI log, an error message, a record) they forge lines or hide
 * text, so names are refused with them.
 */
export const NOT_PLAIN_TEXT = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

/** The first character of `text` that is not plain text, as `U+XXXX`, or undefined. */
export function firstNonPlainCharacter(text: string): string | undefined {
  const found = NOT_PLAIN_TEXT.exec(text)?.[0];
  return found === undefined
    ? undefined
    : `U+${(found.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Every character `NOT_PLAIN_TEXT` names, and DEL and the C1 controls (all `\p{Cc}`). */
const ESCAPED = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;

/** One character as an escape: JSON's own where it has one (`\n`, `\u001b`), else `\uXXXX` (`\u202e`). */
function escapeCharacter(c: string): string {
  const json = JSON.stringify(c).slice(1, -1);
  return json !== c ? json : `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`;
}

/**
 * `text` with every control and format character escaped (newline, escape, bidi override, line
 * separator): echoed in a terminal, a CI log or an error message, it stays one line and shows what
 * it holds. `keep` names characters to leave as they are (a message's own newlines).
 */
export function escapeNonPlain(text: string, keep?: (c: string) => boolean): string {
  return text.replace(ESCAPED, (c) => (keep?.(c) === true ? c : escapeCharacter(c)));
}

/**
 * A parsed JSON value as JSON. Valid JSON may nest deeper than `JSON.stringify` can recurse (a body
 * of `{"a":` 100,000 times): that value is named, not shown, so the error about it can still be said.
 */
function jsonOf(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return Array.isArray(value)
      ? '[an array nested too deeply to show]'
      : '{an object nested too deeply to show}';
  }
}

/**
 * A value as the user gave it, for an error message: a string quoted as given (spaces kept, so
 * `" "` is not shown as `""`), its control and format characters escaped, cut at `max` characters
 * with its length said; anything else as JSON; `nothing` for undefined.
 */
export function quoteAsGiven(value: unknown, max = 60): string {
  if (value === undefined) return 'nothing';
  // JSON reads 1e309 as Infinity and writes it back as null: named as what it is instead.
  if (typeof value === 'number' && !Number.isFinite(value)) return `${value} (a number too large to hold)`;
  if (typeof value !== 'string') {
    const text = jsonOf(value);
    return escapeNonPlain(text.length > max ? `${text.slice(0, max - 3)}...` : text);
  }
  const characters = [...value];
  if (characters.length <= max) return escapeNonPlain(JSON.stringify(value));
  const quoted = escapeNonPlain(JSON.stringify(characters.slice(0, max).join('')));
  return `${quoted.slice(0, -1)}..." (${characters.length} characters)`;
}
