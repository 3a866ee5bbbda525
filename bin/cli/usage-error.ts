/** A command was called wrongly in a way its option parsers cannot see; printed as is, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
