/**
 * The state machine's input is invalid. Thrown by the first task so the execution fails fast
 * with this error name and a message naming the field, before any check runs.
 */
export class InvalidInputError extends Error {
  override readonly name = 'InvalidInputError';
}
