import type { PreflightConfig } from '../config/schema';
import { SEED_CHECKLIST } from './seed';
import type { Checklist, ChecklistItem } from './types';

/**
 * The checklist a team runs: the seed, minus the items the configuration turns off,
 * plus its own items, each placed at the end of its section.
 */
export function resolveChecklist(
  config: Pick<PreflightConfig, 'checklist'>,
  seed: Checklist = SEED_CHECKLIST,
): Checklist {
  const disabled = new Set(config.checklist.disabledItems);
  const custom: ChecklistItem[] = config.checklist.items.map((item) => ({ ...item, custom: true }));
  const items = seed.sections.flatMap((section) => [
    ...seed.items.filter((item) => item.section === section.id),
    ...custom.filter((item) => item.section === section.id),
  ]);
  return { ...seed, items: items.filter((item) => !disabled.has(item.id)) };
}

/** Describes how an item is verified, in words a person reads in a report. */
export function describeVerification(item: ChecklistItem): string {
  const v = item.verification;
  switch (v.kind) {
    case 'check':
      return `automated check: ${v.checkIds.join(', ')}`;
    case 'attestation':
      return `pipeline attestation: ${v.key}${v.automationCandidate ? ' (automation candidate)' : ''}`;
    case 'gate':
      return `judged by the gate: ${v.what} (${v.setting})`;
    case 'signoff':
      return `sign-off: ${v.role}`;
    case 'trigger':
      return `rollback trigger: ${v.triggerId}`;
    case 'followup':
      return `scheduled follow-up: ${v.after === 'quarterly' ? 'quarterly review' : `${v.after} after deployment`}`;
    case 'informational':
      return 'informational';
  }
}
