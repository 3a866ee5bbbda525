import * as z from 'zod/mini';
import { isTimeZone } from '../core/time-zone';

/*
 * One way for every Preflight function to read its environment: a zod/mini schema per function (the
 * tree-shakeable build: a few KiB in the bundle, where the full zod weighs 83), validated on the cold
 * start's first invocation by the base middleware (`middleware.ts`), then read from memory. The same
 * schema types the construct's `environment` prop (`lib/preflight-function.ts`), so a variable the
 * stack forgets or misspells is a compile error, not a cold-start failure.
 */

/** The function's environment is not what its schema says: every wrong variable, named. */
export class EnvironmentError extends Error {
  override readonly name = 'EnvironmentError';
}

/** A string variable; `expected` says what it should hold, in the message of a missing or wrong one. */
function text(expected: string, ...checks: z.core.$ZodCheck<string>[]) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? 'not set' : `expected ${expected}`) })
    .check(...checks);
}

/** The kinds of variable a Preflight function reads. */
export const variable = {
  /** A resource name the stack sets (a bucket, a table). */
  name: () => text('a resource name', z.minLength(3, 'expected a resource name of at least 3 characters')),
  /** An ARN the stack sets. */
  arn: () => text('an ARN', z.startsWith('arn:', 'expected an ARN (arn:...)')),
  /** An AWS account id. */
  accountId: () => text('an AWS account id', z.regex(/^\d{12}$/, 'expected a 12-digit AWS account id')),
  /** An AWS region. */
  region: () =>
    text('an AWS region', z.regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'expected an AWS region such as eu-west-1')),
  /** An https URL, or empty for none. */
  optionalUrl: () =>
    z
      .string({ error: 'expected an https URL or nothing' })
      .check(z.regex(/^(https:\/\/[^\s]+)?$/, 'expected an https URL or nothing')),
  /** An IANA time zone (`UTC`, `Europe/Paris`). */
  timeZone: () =>
    text('an IANA time zone such as Europe/Paris', z.refine(isTimeZone, 'expected an IANA time zone')),
  /** A JSON document the stack wrote at synth; what it holds is validated where it is used. */
  json: () => text('a JSON document', z.minLength(2, 'expected a JSON document')),
};

/** Variables the house construct sets on every function; a function's schema never lists them. */
const PLATFORM = {
  POWERTOOLS_SERVICE_NAME: text('the service name in the logs', z.minLength(1, 'expected a name')),
};
type Platform = typeof PLATFORM;

/** A function's own variables (beyond the platform's). */
export type EnvironmentShape = Readonly<Record<string, z.ZodMiniType<string, string>>>;

/** A function's environment: its schema, what the construct must set, and the reader its handler uses. */
export interface FunctionEnvironment<Shape extends EnvironmentShape = EnvironmentShape> {
  /** Which function, in the message of a wrong environment (e.g. `audit report`). */
  readonly function: string;
  /** Every variable the function reads, the platform's included. */
  readonly schema: z.ZodMiniObject<Platform & Shape>;
  /**
   * The environment, validated (once per distinct value of its variables: a warm function reads
   * memory); EnvironmentError naming every wrong variable otherwise.
   */
  read(): z.output<z.ZodMiniObject<Platform & Shape>>;
}

/** What the construct must set for `E`: the function's own variables, each one required. */
export type VariablesOf<E extends FunctionEnvironment> =
  E extends FunctionEnvironment<infer Shape> ? { readonly [Name in keyof Shape]: string } : never;

function describe(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`).join('; ');
}

/** The environment of the function `name` reads: the platform's variables and `shape`. */
export function functionEnvironment<Shape extends EnvironmentShape>(
  name: string,
  shape: Shape,
): FunctionEnvironment<Shape> {
  const schema = z.object({ ...PLATFORM, ...shape } as Platform & Shape);
  const names = Object.keys(schema.shape);
  let parsed: { raw: string; value: z.output<typeof schema> } | undefined;
  return {
    function: name,
    schema,
    read() {
      const raw = JSON.stringify(names.map((n) => process.env[n] ?? null));
      if (parsed?.raw !== raw) {
        const result = schema.safeParse(process.env);
        if (!result.success) {
          throw new EnvironmentError(
            `The ${name} function's environment is not as the stack sets it: ${describe(result.error.issues)}. The stack sets these variables at deployment; deploy it again rather than editing the function.`,
          );
        }
        parsed = { raw, value: result.data };
      }
      return parsed.value;
    },
  };
}
