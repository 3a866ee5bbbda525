import * as z from '../zod';

/*
 * Ranges for the numbers of the configuration. Each bound is one a real configuration never
 * reaches, so a typo or an absurd value (2^53 days turns every expiry into "far away") is refused
 * with the range in the message instead of quietly switching a check or a trigger off.
 */

/** Ten years: no retention, expiry or age threshold is longer. */
export const MAX_DAYS = 3650;
/** One year. */
export const MAX_HOURS = 8760;
/** A minute: longer than any handshake worth waiting for. */
export const MAX_TIMEOUT_MS = 60_000;
/** The most periods a watch can have: 24 hours of 10-second periods. */
export const MAX_PERIODS = 8640;

/** An integer from `min` to `max`, with one message for every way to miss it; `what` names it. */
export function boundedInteger(what: string, min: number, max: number) {
  const error = `expected ${what} from ${min} to ${max}`;
  return z.number({ error }).check(z.int({ error }), z.gte(min, { error }), z.lte(max, { error }));
}

/** A whole number of `unit` from `min` to `max`. */
export function wholeNumber(unit: string, min: number, max: number) {
  return boundedInteger(`a whole number of ${unit}`, min, max);
}

/** A number from `min` to `max`; `what` names it in the message, e.g. "a multiplier". */
export function boundedNumber(what: string, min: number, max: number) {
  const error = `expected ${what} from ${min} to ${max}`;
  return z.number({ error }).check(z.gte(min, { error }), z.lte(max, { error }));
}

export const days = (min = 1) => wholeNumber('days', min, MAX_DAYS);
export const hours = () => wholeNumber('hours', 1, MAX_HOURS);
/** RSA key sizes: below 1024 nothing is secure, above 16384 nothing is issued. */
export const rsaBits = () => wholeNumber('bits', 1024, 16_384);
