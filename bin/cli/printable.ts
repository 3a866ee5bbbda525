import { escapeNonPlain } from '../../lambdas/core/plain-text';

/*
 * Error text often quotes what the user typed (a flag value, a service name). Control and format
 * characters in it are shown as escapes: an escape sequence in a mistyped or hostile value must not
 * recolour, clear or rewrite the terminal or CI log, a newline or line separator forge a line of its
 * own, nor a bidi override make the line read other than it is.
 */

/** `text` with every control and format character escaped; its newlines too unless `keepNewlines`. */
export function printable(text: string, options: { readonly keepNewlines?: boolean } = {}): string {
  return escapeNonPlain(text, options.keepNewlines === true ? (c) => c === '\n' : undefined);
}
