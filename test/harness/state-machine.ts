import { StateMachine } from 'aws-local-stepfunctions';

/** The definitions this process has already validated, as their JSON text. */
const validated = new Set<string>();

/**
 * aws-local-stepfunctions' state machine for `definition`, validated by asl-validator (paths
 * checked, ARNs not: the template's are placeholders) the first time this process meets that
 * definition, and not again: validating took 60–250 ms of every run and of every Distributed Map
 * child (the audit's and the fan-out's definitions are 50 KiB), always with the same answer for the
 * same definition. An invalid definition throws on every call, as before. asl-validator writes its
 * defaults into what it validates (`QueryLanguage` on every state), so it validates a copy: every
 * run gets the definition as given.
 */
export function localStateMachine(definition: object): StateMachine {
  const text = JSON.stringify(definition);
  if (!validated.has(text)) {
    new StateMachine(structuredClone(definition) as never, { validationOptions: { checkArn: false } });
    validated.add(text);
  }
  return new StateMachine(definition as never, { validationOptions: { noValidate: true } });
}
