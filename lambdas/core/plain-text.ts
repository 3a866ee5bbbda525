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
