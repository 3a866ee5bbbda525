import type { TlsPorts } from '../core/checks/tls/ports';

/** The sample account's tls resources, dated relative to `now`. */
export function sampleTlsPorts(_now: Date): TlsPorts {
  return {};
}
