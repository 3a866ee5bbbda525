import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The AWS Control Tower proactive controls as `@cdklabs/cdk-validator-cfnguard` ships them: one `.guard` file each. */
export const CONTROL_TOWER_RULES = path.join(
  path.dirname(require.resolve('@cdklabs/cdk-validator-cfnguard')),
  '..',
  'rules',
  'control-tower',
  'cfn-guard',
);

const RESOURCE_TYPE = /AWS::[A-Za-z0-9]+::[A-Za-z0-9]+/g;

/** Each rule file under `dir` with the resource types its text names, read once per process. */
const rulesByDir = new Map<string, ReadonlyMap<string, ReadonlySet<string>>>();

function ruleFiles(dir: string): ReadonlyMap<string, ReadonlySet<string>> {
  let rules = rulesByDir.get(dir);
  if (rules === undefined) {
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.guard'))
      .sort()
      .map((file) => path.join(dir, file));
    rules = new Map(
      files.map((file) => [file, new Set(readFileSync(file, 'utf8').match(RESOURCE_TYPE) ?? [])] as const),
    );
    rulesByDir.set(dir, rules);
  }
  return rules;
}

/** The resource types the CloudFormation templates declare. */
export function templateResourceTypes(templatePaths: readonly string[]): Set<string> {
  const types = new Set<string>();
  for (const templatePath of templatePaths) {
    const template = JSON.parse(readFileSync(templatePath, 'utf8')) as {
      Resources?: Record<string, { Type?: unknown }>;
    };
    for (const resource of Object.values(template.Resources ?? {}))
      if (typeof resource.Type === 'string') types.add(resource.Type);
  }
  return types;
}

/**
 * The rule files that can judge something in these templates: each one that names a resource type
 * the templates declare, and each one that names no type at all. cfn-guard pays about 25 ms per rule
 * file per template even for a rule it then skips (474 files: 11.5 CPU s on Preflight's stack), and
 * a rule whose resource types are all absent is only ever skipped, never a finding, so leaving it
 * out changes no report.
 */
export function applicableRuleFiles(templatePaths: readonly string[], dir = CONTROL_TOWER_RULES): string[] {
  const present = templateResourceTypes(templatePaths);
  return [...ruleFiles(dir)]
    .filter(([, types]) => types.size === 0 || [...types].some((type) => present.has(type)))
    .map(([file]) => file);
}
