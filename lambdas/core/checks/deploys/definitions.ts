import { WHOLE_ACCOUNT } from '../../scope/check-scope';
import type { FamilyDefinitions } from '../types';
import { deploysCatalogue } from './catalogue';
import { judgeRollbackTested } from './rollback-runs';
import { judgeDeploymentStrategy } from './strategy';

/** The checks of how a release is deployed and rolled back. */
export const deploysChecks: FamilyDefinitions<typeof deploysCatalogue> = {
  'deployment-strategy': {
    ...deploysCatalogue['deployment-strategy'],
    run: (account, settings, now, scope = WHOLE_ACCOUNT) =>
      judgeDeploymentStrategy(account, settings, now, scope),
  },
  'rollback-tested': {
    ...deploysCatalogue['rollback-tested'],
    run: (account, settings, now) => judgeRollbackTested(account.deploys, settings, now),
  },
};
