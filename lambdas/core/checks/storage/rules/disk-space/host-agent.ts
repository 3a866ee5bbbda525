import type { Finding } from '../../../../findings';
import { diskSpaceFinding } from '../../finding';
import type { Ec2Instance } from '../../ports';

const AGENT_FIX =
  'Install the CloudWatch agent on the host and collect its file systems: in the agent configuration, ' +
  '`metrics.metrics_collected.disk` with `measurement: ["used_percent"]` and ' +
  `\`metrics.append_dimensions\` with \`"InstanceId": "\${aws:InstanceId}"\` (the role needs ` +
  'CloudWatchAgentServerPolicy); then run again.';

/**
 * `host-agent`: a host of the service whose file systems publish no `CWAgent` `disk_used_percent`
 * with its `InstanceId`, so its free disk space cannot be seen (EC2 reports no disk usage itself):
 * WARN, saying what could not be seen and how to fix it, never a pass by silence. `running`: it
 * published `AWS/EC2` `CPUUtilization` in the last 3 hours (every running instance does); `false`:
 * only the service's scope names it (stopped or terminated?); `undefined`: the EC2 metric listing
 * failed (its own ERROR stands), so whether it runs is not said.
 */
export function judgeHostAgent(instance: Ec2Instance, running: boolean | undefined): Finding {
  const evidence = {
    kind: 'host-volume',
    instanceId: instance.id,
    metric: 'CWAgent/disk_used_percent',
    running: running ?? null,
  };
  if (running === false) {
    return diskSpaceFinding('host-agent', instance.arn, {
      status: 'WARN',
      message: `Host ${instance.id} is the service's but published neither disk metrics nor any EC2 metric in the last 3 hours (stopped or terminated?): its disk space could not be seen.`,
      evidence,
      remediation: `If it runs, check its CloudWatch metrics; if it is gone, drop it from the service's resources. ${AGENT_FIX}`,
    });
  }
  return diskSpaceFinding('host-agent', instance.arn, {
    status: 'WARN',
    message: `Host ${instance.id}${running === true ? ' runs but' : ''} publishes no disk metrics (CWAgent disk_used_percent with its InstanceId): its free disk space and how fast it fills could not be seen.`,
    evidence,
    remediation: AGENT_FIX,
  });
}
