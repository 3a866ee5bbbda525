import type { Caller } from './principal';
import type { RequestProblem } from './request';

/** What the control endpoint answers: an HTTP status and a JSON body that always carries a `message`. */
export interface ControlResponse {
  readonly status: 200 | 400 | 403 | 404 | 405 | 409;
  readonly body: { readonly message: string } & Readonly<Record<string, unknown>>;
}

export const ok = (message: string, details: Record<string, unknown>): ControlResponse => ({
  status: 200,
  body: { message, ...details },
});

/** 400: what was wrong, where, and what is expected. */
export const badRequest = (problems: readonly RequestProblem[]): ControlResponse => ({
  status: 400,
  body: {
    error: 'BadRequest',
    message: `Invalid request: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
    problems,
  },
});

/** 403: who the caller is, what it may not do, and which configured patterns would allow it. */
export function forbidden(
  caller: Caller,
  what: string,
  patterns: readonly string[],
  key: string,
): ControlResponse {
  const as = caller.principal === caller.arn ? '' : ` (as ${caller.principal})`;
  const allowed =
    patterns.length === 0 ? `nobody may: ${key} lists no principal` : `${key} allows ${patterns.join(', ')}`;
  return {
    status: 403,
    body: {
      error: 'Forbidden',
      message: `${caller.arn}${as} may not ${what}; ${allowed}.`,
      caller: caller.arn,
      principal: caller.principal,
      allowedPatterns: patterns,
      configurationKey: key,
    },
  };
}

export const notFound = (message: string): ControlResponse => ({
  status: 404,
  body: { error: 'NotFound', message },
});

/** 409: the thing was already done (by whom, when), or can no longer be done. */
export const conflict = (message: string, details: Record<string, unknown> = {}): ControlResponse => ({
  status: 409,
  body: { error: 'Conflict', message, ...details },
});
