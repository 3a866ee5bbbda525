import { createHash } from 'node:crypto';

/*
 * Whether a plain environment variable holds a secret, judged from its name and its value without
 * ever letting the value out: callers get the reasons and a fingerprint, never the value.
 */

/** How to recognise a secret (the environment-variables check's settings). */
export interface SecretHeuristics {
  readonly sensitiveKeyPatterns: readonly string[];
  readonly allowedKeys: readonly string[];
  readonly entropyBitsPerChar: number;
  readonly minEntropyLength: number;
}

/** Token formats that are secrets whatever the variable is called. */
const KNOWN_FORMATS: ReadonlyArray<readonly [string, RegExp]> = [
  ['an AWS access key id', /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/],
  ['a PEM private key or certificate block', /-----BEGIN [A-Z ]+-----/],
  ['a JSON Web Token', /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+/],
  ['a GitHub token', /\bgh[pousr]_[A-Za-z0-9]{36,}\b/],
  ['a Slack token', /\bxox[abprs]-[A-Za-z0-9-]{10,}/],
  ['a Stripe secret key', /\b[sr]k_live_[A-Za-z0-9]{16,}/],
  ['a Google API key', /\bAIza[0-9A-Za-z_-]{35}\b/],
  ['a URL with a password', /[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i],
];

/**
 * Values that name where a secret lives, or are settings about one, rather than hold it: an ARN, a
 * dynamic reference, a parameter path, a URL without credentials, a number or a boolean
 * (`TOKEN_TTL=3600`, `SECRET_ARN=arn:...`, `TOKEN_URL=https://...`).
 */
const REFERENCE =
  /^(?:arn:aws[a-z-]*:\S+|\{\{resolve:.*\}\}|\/[\w./-]+|https?:\/\/[^\s@]+|\d+(?:\.\d+)?|true|false)$/i;
/** Identifiers that look random but are not secrets. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Shannon entropy of `value`, in bits per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** A short, non-reversible fingerprint of a value: the first 8 hex digits of its SHA-256. */
export function fingerprint(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 8);
}

const normalized = (text: string) => text.toUpperCase().replace(/[^A-Z0-9]/g, '');

/**
 * Why the variable `name` with `value` looks like a secret (empty when it does not). The reasons
 * name the pattern, never the value.
 */
export function secretReasons(name: string, value: string, heuristics: SecretHeuristics): string[] {
  if (heuristics.allowedKeys.includes(name) || value.trim() === '') return [];
  const reasons: string[] = [];
  const reference = REFERENCE.test(value);
  const key = normalized(name);
  const pattern = heuristics.sensitiveKeyPatterns.find((p) => key.includes(normalized(p)));
  if (pattern !== undefined && !reference) reasons.push(`its name contains ${pattern}`);
  for (const [what, format] of KNOWN_FORMATS) {
    if (format.test(value)) reasons.push(`its value is ${what}`);
  }
  const compact = !/\s/.test(value) && !reference && !UUID.test(value);
  if (
    compact &&
    value.length >= heuristics.minEntropyLength &&
    shannonEntropy(value) >= heuristics.entropyBitsPerChar
  ) {
    reasons.push(`its value looks random (≥ ${heuristics.entropyBitsPerChar} bits of entropy per character)`);
  }
  return reasons;
}

/** A variable that looks like a secret: its name, why, and the value's fingerprint (never the value). */
export interface SecretLookingVariable {
  readonly key: string;
  readonly fingerprint: string;
  readonly reasons: readonly string[];
}

/** The variables of `variables` that look like secrets, in name order. */
export function secretLookingVariables(
  variables: ReadonlyArray<readonly [string, string]>,
  heuristics: SecretHeuristics,
): SecretLookingVariable[] {
  return variables
    .map(([key, value]) => ({ key, value, reasons: secretReasons(key, value, heuristics) }))
    .filter((v) => v.reasons.length > 0)
    .sort((a, b) => a.key.localeCompare(b.key))
    .map(({ key, value, reasons }) => ({ key, fingerprint: fingerprint(value), reasons }));
}
