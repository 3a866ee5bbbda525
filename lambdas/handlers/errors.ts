/**
 * The state machine's input is invalid. Thrown by the first task so the execution fails fast
 * with this error name and a message naming the field, before any check runs.
 */
export class InvalidInputError extends Error {
  override readonly name = 'InvalidInputError';
}

/** One thing wrong with an input: where (a path of keys) and what is expected. */
export interface InputIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/**
 * Every handler's input error, written one way: `Invalid <what>: <field>: <message>; ...`, each field
 * by its dotted path (`(input)` for the input as a whole).
 */
export function invalidInput(what: string, issues: readonly InputIssue[]): InvalidInputError {
  const text = issues.map((i) => `${i.path.map(String).join('.') || '(input)'}: ${i.message}`);
  return new InvalidInputError(`Invalid ${what}: ${text.join('; ')}`);
}
