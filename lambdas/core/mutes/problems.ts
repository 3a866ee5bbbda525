import type { PreflightConfig } from '../config/schema';
import type { ConfigProblem } from '../config/validate';
import { didYouMean } from '../suggest';

/**
 * A mute must name a check Preflight runs: a typo would mute nothing and say nothing. The gate's own
 * findings (attestations, window, backup, sign-offs) are not checks, so no mute can pass them.
 */
export function muteProblems(config: PreflightConfig, checkIds: readonly string[]): ConfigProblem[] {
  return config.mutes.flatMap((mute, index) =>
    checkIds.includes(mute.check)
      ? []
      : [
          {
            key: `mutes.[${index}].check`,
            value: mute.check,
            expected: `expected the id of a check: ${checkIds.join(', ')}${didYouMean(mute.check, checkIds)}`,
          },
        ],
  );
}
