import middy from '@middy/core';
import { resolveChecklist } from '../../core/checklist/resolve';
import { selectChecks } from '../../core/checks/run';
import type { CheckId } from '../../core/config/schema';
import { CHECK_IDS, validateConfig } from '../../core/config/validate';
import { attestationKeys } from '../../core/gate/attestations';
import { InvalidInputError } from '../errors';
import { logger } from '../logger';
import { AuditInputSchema, type ValidatedAudit } from './contract';

export interface ValidateInputEvent {
  readonly input: unknown;
  readonly config: unknown;
  /** The execution's name, which names the run and its stored reports. */
  readonly runId: string;
}

function reject(problems: string[]): never {
  throw new InvalidInputError(`Invalid audit input: ${problems.join('; ')}`);
}

/** First state of the audit machine: reject bad input before any check runs. */
export async function run(event: ValidateInputEvent): Promise<ValidatedAudit> {
  const parsed = AuditInputSchema.safeParse(event.input ?? {});
  if (!parsed.success) {
    reject(parsed.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`));
  }
  const input = parsed.data;
  const config = validateConfig(event.config, 'the state machine configuration');
  const known = attestationKeys(resolveChecklist(config));
  const problems = [
    ...(input.checks ?? [])
      .filter((id) => !(CHECK_IDS as readonly string[]).includes(id))
      .map((id) => `checks: unknown ${id}; expected ids from ${CHECK_IDS.join(', ')}`),
    ...Object.keys(input.attestations)
      .filter((key) => !known.includes(key))
      .map((key) => `attestations.${key}: unknown attestation key; expected one of ${known.join(', ')}`),
    ...(input.mode === 'scheduled' && Object.keys(input.attestations).length > 0
      ? ['attestations: a scheduled audit takes no attestations']
      : []),
  ];
  if (problems.length > 0) reject(problems);

  const checkIds = selectChecks(config, input.checks as CheckId[] | undefined);
  const label =
    [input.service, input.environment, input.deploymentId].filter(Boolean).join(' ') ||
    (input.mode === 'scheduled' ? 'scheduled audit' : 'gate');
  const audit: ValidatedAudit = {
    runId: event.runId,
    mode: input.mode,
    service: input.service ?? 'unnamed',
    environment: input.environment ?? 'default',
    deploymentId: input.deploymentId ?? event.runId,
    ...(input.commitTime ? { commitAt: new Date(input.commitTime).toISOString() } : {}),
    checkIds,
    label,
    scope: [input.mode, input.service, input.environment].filter(Boolean).join('-'),
    attestations: input.attestations,
    ...(input.windowOverride ? { windowOverride: input.windowOverride } : {}),
    backupTargets: input.mode === 'gate' ? config.gate.preDeploymentBackup.targets : [],
  };
  logger.info('audit input accepted', { runId: audit.runId, mode: audit.mode, checkIds, label });
  return audit;
}

export const handler = middy(run);
