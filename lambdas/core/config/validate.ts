import { muteProblems } from '../mutes/problems';
import { sentAt } from '../sent-value';
import { servicesProblems } from '../services/resolve';
import { closestName } from '../suggest';
import { watchTargetProblems } from '../watch/target-rules';
import type * as z from '../zod';
import { chatbotProblems } from './chatbot-problems';
import { formatConfigProblems } from './format';
import { expectedWords } from './issue-words';
import { knownKeysAt } from './known-keys';
import { nameProblems } from './names';
import { plainTextProblems } from './plain-text-values';
import { reservedKeyProblems } from './reserved-keys';
import { type CheckId, ConfigSchema, type PreflightConfig } from './schema';

/** One problem in a configuration: where, what was there, what was expected. */
export interface ConfigProblem {
  /** Dotted path of the key, e.g. `checks.acm-certificates.warnDays`; `(root)` for the whole file. */
  readonly key: string;
  /** The value found, or `undefined` when the key is missing. */
  readonly value: unknown;
  readonly expected: string;
  /** Set when `key` is not a key the schema knows: the keys it does know there, and the one probably meant. */
  readonly unknownKey?: { readonly known: readonly string[]; readonly suggestion?: string };
  /** What was found, in words, when it is not a value (`written twice (lines 3 and 4)`); replaces `got <value>`. */
  readonly found?: string;
}

/** The configuration is invalid; `problems` lists every reason, not only the first. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly source: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(formatConfigProblems(source, problems));
  }
}

/** A key as the path shows it: quoted when the bare key would hide or split it (empty, a dot, edge spaces). */
const keyPart = (part: PropertyKey): string => {
  if (typeof part === 'number') return `[${part}]`;
  const key = String(part);
  return key === '' || key.includes('.') || key.trim() !== key ? JSON.stringify(key) : key;
};

function keyOf(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path.map(keyPart).join('.');
}

/** One problem per issue; an unrecognized key names the keys that exist and the one probably meant. */
function problemsOfIssue(issue: z.core.$ZodIssue, raw: unknown): ConfigProblem[] {
  if (issue.code !== 'unrecognized_keys') {
    // The value as written in the file (a nested schema may not report it), and what is expected
    // in the house words rather than zod's own ("Too small: expected array to have >=1 items").
    const expected = expectedWords(issue);
    return [
      {
        key: keyOf(issue.path),
        value: issue.input === undefined ? sentAt(raw, issue.path, undefined) : issue.input,
        expected,
      },
    ];
  }
  const known = knownKeysAt(ConfigSchema, issue.path) ?? [];
  return issue.keys.map((unknown) => {
    const suggestion = closestName(unknown, known);
    return {
      key: keyOf([...issue.path, unknown]),
      value: unknown,
      expected: issue.message,
      unknownKey: { known, ...(suggestion === undefined ? {} : { suggestion }) },
    };
  });
}

/**
 * The issues without a size check on a value of the wrong type: `"environments": ""` is not an
 * array, and its length says nothing more (the schema library checks it anyway).
 */
function saidOfTheType(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  const mistyped = new Set(issues.filter((i) => i.code === 'invalid_type').map((i) => keyOf(i.path)));
  return issues.filter(
    (issue) => !((issue.code === 'too_small' || issue.code === 'too_big') && mistyped.has(keyOf(issue.path))),
  );
}

/** Each problem once: two rules of one key can say the same thing (a whole number, and a range). */
function onceEach(problems: readonly ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.key}\u0000${problem.expected}\u0000${problem.found ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Every check id the configuration knows, in a stable order. */
export const CHECK_IDS: readonly CheckId[] = Object.keys(ConfigSchema.parse({}).checks) as CheckId[];

/**
 * Validates a parsed configuration file against the schema and the checklist.
 * @param source names the file in error messages.
 * @throws ConfigError listing every problem found.
 */
export function validateConfig(raw: unknown, source = 'configuration'): PreflightConfig {
  const reserved = [...reservedKeyProblems(raw), ...plainTextProblems(raw)];
  if (reserved.length > 0) throw new ConfigError(source, reserved);
  const parsed = ConfigSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    throw new ConfigError(
      source,
      onceEach(saidOfTheType(parsed.error.issues).flatMap((issue) => problemsOfIssue(issue, raw))),
    );
  }
  const problems = [
    ...nameProblems(parsed.data, CHECK_IDS),
    ...muteProblems(parsed.data, CHECK_IDS),
    ...homeProblems(parsed.data),
    ...servicesProblems(parsed.data),
    ...watchTargetProblems(parsed.data),
    ...chatbotProblems(parsed.data),
  ];
  if (problems.length > 0) throw new ConfigError(source, problems);
  return parsed.data;
}

/** An environment reached with Preflight's own credentials is in Preflight's own account. */
function homeProblems(config: PreflightConfig): ConfigProblem[] {
  const home = config.home?.account;
  if (home === undefined) return [];
  return Object.entries(config.environments)
    .filter(([, env]) => env.access === 'same-account' && env.account !== undefined && env.account !== home)
    .map(([name, env]) => ({
      key: `environments.${name}.account`,
      value: env.account,
      expected: `expected home.account (${home}): an environment reached with Preflight's own credentials is in Preflight's account; give it access.roleName to reach another account`,
    }));
}
