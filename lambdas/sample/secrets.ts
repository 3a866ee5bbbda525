import type { SecretsPorts } from '../core/checks/secrets/ports';

/** The sample account's secrets resources, dated relative to `now`. */
export function sampleSecretsPorts(_now: Date): SecretsPorts {
  return {};
}
