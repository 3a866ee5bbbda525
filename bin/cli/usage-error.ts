/** A command was called wrongly in a way its option parsers cannot see; printed as is, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** `text` ended as a sentence: a full stop added unless it already ends with one, or with a question. */
export function sentence(text: string): string {
  return /[.?!]$/.test(text) ? text : `${text}.`;
}
