import type { CheckSettings } from '../../../../config/schema';
import type { Finding } from '../../../../findings';
import { strategyFinding } from '../../finding';
import type { DeploymentGroup } from '../../ports';
import { groupEvidence, groupLabel } from './evidence';

type Settings = Pick<CheckSettings['deployment-strategy'], 'keepOriginalMinutes' | 'blueGreen'>;

/**
 * `original-kept`: after a successful blue/green deployment the original fleet (EC2 instances, ECS
 * task set) stays for at least `keepOriginalMinutes`, so a rollback moves traffic back instead of
 * redeploying. `KEEP_ALIVE` keeps it; `TERMINATE` sooner, or no setting at all, FAILs. A Lambda
 * deployment keeps the previous version by nature. An EC2 group deploying in place keeps nothing:
 * FAIL, or WARN where the service deploys in place by design.
 */
export function judgeOriginalKept(resource: string, group: DeploymentGroup, settings: Settings): Finding {
  const label = groupLabel(group);
  const terminate = group.terminateOriginal;
  const evidence = {
    ...groupEvidence(group),
    action: terminate?.action ?? null,
    terminationWaitMinutes: terminate?.waitMinutes ?? null,
    keepOriginalMinutes: settings.keepOriginalMinutes,
  };
  if (group.computePlatform === 'Lambda') {
    return strategyFinding('original-kept', resource, {
      status: 'PASS',
      message: `${label} deploys Lambda versions: the previous version stays published, and a rollback points the alias back at it.`,
      evidence,
    });
  }
  if (group.computePlatform !== 'ECS' && group.deploymentType !== 'BLUE_GREEN') {
    return strategyFinding('original-kept', resource, {
      status: settings.blueGreen ? 'FAIL' : 'WARN',
      message: `${label} deploys in place: no original instance is kept, so a rollback has to redeploy the previous revision.`,
      remediation:
        'Deploy blue/green and keep the original instances for the rollback window (terminateBlueInstancesOnDeploymentSuccess with a termination wait).',
      evidence,
    });
  }
  if (terminate?.action === 'KEEP_ALIVE') {
    return strategyFinding('original-kept', resource, {
      status: 'PASS',
      message: `${label} keeps the original ${group.computePlatform === 'ECS' ? 'task set' : 'instances'} after a successful deployment (KEEP_ALIVE).`,
      evidence,
    });
  }
  const wait = terminate?.waitMinutes ?? 0;
  if (terminate !== undefined && wait >= settings.keepOriginalMinutes) {
    return strategyFinding('original-kept', resource, {
      status: 'PASS',
      message: `${label} keeps the original ${group.computePlatform === 'ECS' ? 'task set' : 'instances'} for ${wait} min after a successful deployment (at least ${settings.keepOriginalMinutes}).`,
      evidence,
    });
  }
  return strategyFinding('original-kept', resource, {
    status: 'FAIL',
    message:
      terminate === undefined
        ? `${label} says nothing about its original fleet after a deployment: it cannot be counted on for a rollback.`
        : `${label} terminates the original fleet ${wait} min after a successful deployment, less than the ${settings.keepOriginalMinutes} min rollback window.`,
    remediation: `Keep the original fleet at least ${settings.keepOriginalMinutes} min (blueGreenDeploymentConfiguration.terminateBlueInstancesOnDeploymentSuccess: action TERMINATE, terminationWaitTimeInMinutes ${settings.keepOriginalMinutes}).`,
    evidence,
  });
}
