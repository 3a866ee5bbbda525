import { findingBuilder } from '../kit/finding';

/** A finding of the resource-limits check. */
export const resourceLimitsFinding = findingBuilder<
  'task-definition-limits' | 'function-limits' | 'service-quotas'
>('resource-limits');

/** A finding of the environment-variables check. */
export const environmentVariablesFinding = findingBuilder<
  'function-environment' | 'container-environment' | 'container-secrets'
>('environment-variables');
