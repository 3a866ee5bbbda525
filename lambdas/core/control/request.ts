import { roleSlug } from '../gate/signoff-role';
import { DeploymentIdSchema, EnvironmentNameSchema, ServiceNameSchema } from '../identifiers';
import { firstNonPlainCharacter, NOT_PLAIN_TEXT, quoteAsGiven } from '../plain-text';
import { sentAt } from '../sent-value';
import { AbortRequestError, manualAbort } from '../watch/abort';
import { ABORT_REASONS } from '../watch/model';
import * as z from '../zod';
import { MAX_NOTE_BYTES } from './limits';

/*
 * What a caller may ask of the control endpoint, one strict schema per action. The CLI validates with
 * the same schemas before it sends anything. No field names the caller: who is asking is read from
 * the request's AWS signature, so a body with `by` (or any other unknown field) is refused.
 */

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

/** A gate run id: the audit execution's name, as the sign-off request names it. */
export const RunIdSchema = z
  .string()
  .check(
    z.regex(
      /^[A-Za-z0-9_-]{1,80}$/,
      'expected a run id: 1-80 letters, digits, - or _ (the gate execution name)',
    ),
  );

const RoleSchema = z.string().check(
  z.maxLength(200, 'expected at most 200 characters'),
  z.refine((role) => roleSlug(role) !== '', 'expected a sign-off role such as "Security Engineer"'),
  // The role is matched by its slug, which would read "Security\nEngineer" as "Security Engineer",
  // and echoed in the answer and the records: a newline or a bidi override is refused, not matched.
  z.refine(
    (role) => !NOT_PLAIN_TEXT.test(role),
    'expected the role as plain text, without a control or format character (newline, escape, bidi override)',
  ),
);

/**
 * Free text is recorded and echoed (the sign-off records, the execution history, the alerts, the
 * CLI): a newline would forge a line there, an escape sequence rewrite a terminal, a bidi override
 * make it read other than it is. Refused, naming the character.
 */
const plainText = (what: string) =>
  z.superRefine<string>((text, ctx) => {
    const code = firstNonPlainCharacter(text);
    if (code === undefined) return;
    ctx.addIssue({
      code: 'custom',
      input: text,
      message: `expected ${what} as plain text, without a control or format character (${code})`,
    });
  });

const Text = (what: string, max: number) =>
  z
    .string()
    .check(
      z.trim(),
      z.minLength(1, `expected ${what}`),
      z.maxLength(max, `expected ${what} of at most ${max} characters`),
      plainText(what),
    );

const SignoffRequest = z
  .strictObject({
    action: z.literal('signoff'),
    runId: RunIdSchema,
    role: RoleSchema,
    approved: z.boolean({ error: 'expected a JSON boolean: true to approve, false to reject' }),
    reason: z.optional(Text('a reason', 1000)),
    comment: z.optional(Text('a comment', 1000)),
  })
  .check(
    z.superRefine((request, ctx) => {
      if (!request.approved && request.reason === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['reason'],
          input: undefined,
          message: 'expected a reason: a rejection says why',
        });
      }
      if (request.approved && request.reason !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['reason'],
          input: request.reason,
          message: 'expected no reason with an approval (only a rejection takes one; use comment)',
        });
      }
    }),
  );

const OverrideWindowRequest = z.strictObject({
  action: z.literal('override-window'),
  deploymentId: DeploymentIdSchema,
  /** The gate's service and environment: the override counts for that gate only. */
  service: z.optional(ServiceNameSchema),
  environment: z.optional(EnvironmentNameSchema),
  reason: z
    .string()
    .check(
      z.trim(),
      z.minLength(5, 'expected a reason of 5-500 characters'),
      z.maxLength(500, 'expected a reason of 5-500 characters'),
      plainText('a reason'),
    ),
});

const AbortRequest = z
  .strictObject({
    action: z.literal('abort'),
    deploymentId: DeploymentIdSchema,
    reason: z.string(),
    note: z.optional(
      z.string().check(
        z.refine(
          (note) => utf8Bytes(note) <= MAX_NOTE_BYTES,
          `expected a note of at most ${MAX_NOTE_BYTES} bytes (UTF-8)`,
        ),
        plainText('a note'),
      ),
    ),
  })
  .check(
    z.superRefine((request, ctx) => {
      try {
        manualAbort(request.reason, request.note ?? '', 0);
      } catch (error) {
        if (!(error instanceof AbortRequestError)) throw error;
        const known = (ABORT_REASONS as readonly string[]).includes(request.reason);
        ctx.addIssue({
          code: 'custom',
          path: [known ? 'note' : 'reason'],
          input: known ? request.note : request.reason,
          message: known
            ? `expected a note saying why (${error.message})`
            : `expected one of ${ABORT_REASONS.join(', ')}`,
        });
      }
    }),
  );

export const ControlRequestSchema = z.discriminatedUnion(
  'action',
  [SignoffRequest, OverrideWindowRequest, AbortRequest],
  {
    error: 'expected action "signoff", "override-window" or "abort"',
  },
);

export type ControlRequest = z.output<typeof ControlRequestSchema>;
export type SignoffControlRequest = Extract<ControlRequest, { action: 'signoff' }>;
export type OverrideWindowControlRequest = Extract<ControlRequest, { action: 'override-window' }>;
export type AbortControlRequest = Extract<ControlRequest, { action: 'abort' }>;

/** One thing wrong with a request: where, what was there, what is expected. */
export interface RequestProblem {
  readonly field: string;
  readonly message: string;
}

export type ParsedRequest =
  | { readonly ok: true; readonly request: ControlRequest }
  | { readonly ok: false; readonly problems: readonly RequestProblem[] };

const IDENTITY_FIELDS = new Set(['by', 'caller', 'principal', 'userArn', 'identity']);

/** A request body (already JSON-decoded) checked against the action's schema, every problem listed. */
export function parseControlRequest(body: unknown): ParsedRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return {
      ok: false,
      problems: [
        { field: '(body)', message: `got ${quoteAsGiven(body)}; expected a JSON object with an action` },
      ],
    };
  }
  const parsed = ControlRequestSchema.safeParse(body, { reportInput: true });
  if (parsed.success) return { ok: true, request: parsed.data };
  const problems = parsed.error.issues.flatMap((issue): RequestProblem[] => {
    const at = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: at === '' ? key : `${at}.${key}`,
        message: IDENTITY_FIELDS.has(key)
          ? 'not accepted: who you are is read from the request signature, never from the body'
          : 'unknown field',
      }));
    }
    // What was sent at the field (a wrong action: the action given, not the whole body).
    const input = issue.path.length === 0 ? issue.input : sentAt(body, issue.path, issue.input);
    // zod's own wording for a wrong type ("Invalid input: expected string, received object") reads `expected string`.
    const expected =
      issue.code === 'invalid_type' && issue.message.startsWith('Invalid input: expected')
        ? `expected ${issue.expected}`
        : issue.message;
    return [{ field: at || '(body)', message: `got ${quoteAsGiven(input)}; ${expected}` }];
  });
  return { ok: false, problems };
}

/** The problems as one line: `approved: got "no"; expected a JSON boolean ...`. */
export function describeProblems(problems: readonly RequestProblem[]): string {
  return problems.map((p) => `${p.field}: ${p.message}`).join('; ');
}
