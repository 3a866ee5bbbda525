import type { Finding } from '../../../../findings';
import { rollbackTestedFinding } from '../../finding';

/**
 * `coverage`: no rollback document is named, so whether the rollback was tested could not be
 * judged: WARN, never a pass by silence.
 */
export function judgeNoDocument(): Finding {
  return rollbackTestedFinding('coverage', '*', {
    status: 'WARN',
    message:
      'Could not tell whether the rollback was tested: no SSM Automation document that rolls the service back is named.',
    remediation:
      'Name it in checks.rollback-tested.documents (a service whose watch.rollback is an ssm-automation document gets it by default), or turn the check off where the rollback is tested some other way.',
    evidence: { documents: [] },
  });
}
