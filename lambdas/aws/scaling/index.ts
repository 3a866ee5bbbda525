import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import type { ScalingPorts } from '../../core/checks/scaling/ports';
import { type AwsClientOptions, clientConfig } from '../client-config';
import { listScalableTargets, listScalingPolicies } from './application-autoscaling';
import { listAutoScalingGroups, listGroupPolicies } from './auto-scaling';

/** The scaling ports over the given clients; tests pass their own. */
export function scalingPortsFromClients(
  applicationAutoScaling: ApplicationAutoScalingClient,
  autoScaling: AutoScalingClient,
): ScalingPorts {
  return {
    listScalableTargets: (namespace) => listScalableTargets(applicationAutoScaling, namespace),
    listScalingPolicies: (namespace) => listScalingPolicies(applicationAutoScaling, namespace),
    listAutoScalingGroups: () => listAutoScalingGroups(autoScaling),
    listGroupPolicies: () => listGroupPolicies(autoScaling),
  };
}

/** The scaling ports backed by AWS; the clients are created once per call of this factory. */
export function createAwsScalingPorts(options: AwsClientOptions): ScalingPorts {
  const config = clientConfig(options);
  return scalingPortsFromClients(new ApplicationAutoScalingClient(config), new AutoScalingClient(config));
}
