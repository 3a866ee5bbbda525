import { resolveChecklist } from '../checklist/resolve';
import { SEED_CHECKLIST } from '../checklist/seed';
import type { ChecklistItem } from '../checklist/types';
import { didYouMean } from '../suggest';
import { DEFAULT_TRIGGERS } from '../watch/defaults';
import type { PreflightConfig } from './schema';
import type { ConfigProblem } from './validate';

/*
 * Cross-field rules for the keys that name things: custom items, disabled items, required
 * attestations. Each name must exist in the checklist this configuration resolves to, so a typo
 * stops synthesis instead of quietly dropping a requirement.
 */

/** The watch triggers an item may name: the defaults, the configured ones, and the baseline. */
function triggerIds(config: PreflightConfig): string[] {
  return [
    ...new Set(['baseline', ...DEFAULT_TRIGGERS.map((t) => t.id), ...Object.keys(config.watch.triggers)]),
  ];
}

function customItemProblems(config: PreflightConfig, checkIds: readonly string[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const seedIds = new Set(SEED_CHECKLIST.items.map((item) => item.id));
  const sectionIds = SEED_CHECKLIST.sections.map((section) => section.id);
  const customIds = new Set<string>();
  const triggers = triggerIds(config);
  config.checklist.items.forEach((item, index) => {
    const at = `checklist.items.[${index}]`;
    if (seedIds.has(item.id) || customIds.has(item.id)) {
      problems.push({
        key: `${at}.id`,
        value: item.id,
        expected: 'expected an id not already used by another item',
      });
    }
    customIds.add(item.id);
    if (!sectionIds.includes(item.section)) {
      problems.push({
        key: `${at}.section`,
        value: item.section,
        expected: `expected one of ${sectionIds.join(', ')}`,
      });
    }
    const verification = item.verification;
    if (verification.kind === 'check') {
      for (const checkId of verification.checkIds.filter((id) => !checkIds.includes(id))) {
        problems.push({
          key: `${at}.verification.checkIds`,
          value: checkId,
          expected: `expected a known check id: ${checkIds.join(', ')}${didYouMean(checkId, checkIds)}`,
        });
      }
    }
    if (verification.kind === 'trigger' && !triggers.includes(verification.triggerId)) {
      problems.push({
        key: `${at}.verification.triggerId`,
        value: verification.triggerId,
        expected: `expected a watch trigger id (${triggers.join(', ')}, or one added under watch.triggers)${didYouMean(verification.triggerId, triggers)}`,
      });
    }
  });
  return problems;
}

function disabledItemProblems(config: PreflightConfig): ConfigProblem[] {
  const ids = [...SEED_CHECKLIST.items, ...config.checklist.items].map((item) => item.id);
  return config.checklist.disabledItems.flatMap((id, index) =>
    ids.includes(id)
      ? []
      : [
          {
            key: `checklist.disabledItems.[${index}]`,
            value: id,
            expected: `expected the id of a checklist item (see \`preflight checklist\`)${didYouMean(id, ids)}`,
          },
        ],
  );
}

const attestationKeyOf = (item: ChecklistItem) =>
  item.verification.kind === 'attestation' ? item.verification.key : undefined;

/** Two enabled items attesting with one key would both pass on one piece of evidence. */
function attestationKeyClashes(config: PreflightConfig, enabled: readonly ChecklistItem[]): ConfigProblem[] {
  const owner = new Map<string, string>();
  for (const item of enabled.filter((i) => !i.custom)) {
    const key = attestationKeyOf(item);
    if (key !== undefined) owner.set(key, item.id);
  }
  const problems: ConfigProblem[] = [];
  config.checklist.items.forEach((item, index) => {
    const key = attestationKeyOf(item);
    if (key === undefined || !enabled.some((i) => i.id === item.id)) return;
    const other = owner.get(key);
    if (other !== undefined && other !== item.id) {
      problems.push({
        key: `checklist.items.[${index}].verification.key`,
        value: key,
        expected: `expected a key no other item attests with (${other} already does)`,
      });
    } else {
      owner.set(key, item.id);
    }
  });
  return problems;
}

function requiredAttestationProblems(
  config: PreflightConfig,
  enabled: readonly ChecklistItem[],
): ConfigProblem[] {
  const known = enabled.flatMap((item) => attestationKeyOf(item) ?? []);
  const every = [...SEED_CHECKLIST.items, ...config.checklist.items];
  return config.gate.requiredAttestations.flatMap((key, index) => {
    if (known.includes(key)) return [];
    const disabled = every.find((item) => attestationKeyOf(item) === key);
    return [
      {
        key: `gate.requiredAttestations.[${index}]`,
        value: key,
        expected:
          disabled !== undefined
            ? `expected an attestation key of an enabled item: "${key}" belongs to ${disabled.id}, which checklist.disabledItems turns off`
            : `expected an attestation key of the checklist (one of ${known.join(', ')})${didYouMean(key, known)}`,
      },
    ];
  });
}

/** Every name the configuration gives that the resolved checklist (or the watch) does not know. */
export function nameProblems(config: PreflightConfig, checkIds: readonly string[]): ConfigProblem[] {
  const enabled = resolveChecklist(config).items;
  return [
    ...customItemProblems(config, checkIds),
    ...disabledItemProblems(config),
    ...attestationKeyClashes(config, enabled),
    ...requiredAttestationProblems(config, enabled),
  ];
}
