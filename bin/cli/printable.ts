/*
 * Error text often quotes what the user typed (a flag value, a service name). Control characters in
 * it are shown as JSON escapes: an escape sequence in a mistyped or hostile value must not recolour,
 * clear or rewrite the terminal or CI log, nor a newline forge a line of its own.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_OR_NEWLINE = /[\u0000-\u001f\u007f-\u009f]/g;

const escaped = (c: string): string => JSON.stringify(c).slice(1, -1);

/** `text` with every control character escaped; its newlines too unless `keepNewlines`. */
export function printable(text: string, options: { readonly keepNewlines?: boolean } = {}): string {
  return text.replace(options.keepNewlines === true ? CONTROL : CONTROL_OR_NEWLINE, escaped);
}
