import { SEED_CHECKLIST } from '../checklist/seed';
import { type CheckId, ConfigSchema, type PreflightConfig } from './schema';

/** One problem in a configuration: where, what was there, what was expected. */
export interface ConfigProblem {
  /** Dotted path of the key, e.g. `checks.acm-certificates.warnDays`; `(root)` for the whole file. */
  readonly key: string;
  /** The value found, or `undefined` when the key is missing. */
  readonly value: unknown;
  readonly expected: string;
}

/** The configuration is invalid; `problems` lists every reason, not only the first. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly source: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(
      `Invalid Preflight configuration in ${source}:\n${problems
        .map((p) => `  - ${p.key}: got ${describeValue(p.value)}; ${p.expected}`)
        .join('\n')}`,
    );
  }
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function keyOf(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path.map((part) => (typeof part === 'number' ? `[${part}]` : String(part))).join('.');
}

/** Every check id the configuration knows, in a stable order. */
export const CHECK_IDS: readonly CheckId[] = Object.keys(ConfigSchema.parse({}).checks) as CheckId[];

/**
 * Validates a parsed configuration file against the schema and the checklist.
 * @param source names the file in error messages.
 * @throws ConfigError listing every problem found.
 */
export function validateConfig(raw: unknown, source = 'configuration'): PreflightConfig {
  const parsed = ConfigSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    throw new ConfigError(
      source,
      parsed.error.issues.map((issue) => ({
        key: keyOf(issue.path),
        value: issue.input,
        expected: issue.message,
      })),
    );
  }
  const problems = checklistProblems(parsed.data);
  if (problems.length > 0) throw new ConfigError(source, problems);
  return parsed.data;
}

function checklistProblems(config: PreflightConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const seedIds = new Set(SEED_CHECKLIST.items.map((item) => item.id));
  const sectionIds = SEED_CHECKLIST.sections.map((section) => section.id);
  const checkIds = new Set<string>(CHECK_IDS);
  const customIds = new Set<string>();

  config.checklist.items.forEach((item, index) => {
    const at = `checklist.items.[${index}]`;
    if (seedIds.has(item.id) || customIds.has(item.id)) {
      problems.push({ key: `${at}.id`, value: item.id, expected: 'an id not already used by another item' });
    }
    customIds.add(item.id);
    if (!sectionIds.includes(item.section)) {
      problems.push({
        key: `${at}.section`,
        value: item.section,
        expected: `one of ${sectionIds.join(', ')}`,
      });
    }
    if (item.verification.kind === 'check') {
      for (const checkId of item.verification.checkIds.filter((id) => !checkIds.has(id))) {
        problems.push({
          key: `${at}.verification.checkIds`,
          value: checkId,
          expected: `a known check id: ${[...checkIds].join(', ')}`,
        });
      }
    }
  });

  config.checklist.disabledItems.forEach((id, index) => {
    if (!seedIds.has(id) && !customIds.has(id)) {
      problems.push({
        key: `checklist.disabledItems.[${index}]`,
        value: id,
        expected: 'the id of a checklist item (see `preflight checklist`)',
      });
    }
  });
  return problems;
}
