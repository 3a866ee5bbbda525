import type { Finding } from '../../../../findings';
import { errorFinding } from '../../../kit/finding';
import type { Outcome } from '../../../kit/outcome';
import { networkFinding } from '../../finding';
import { partitionOf } from '../../owner';
import type { FlowLog } from '../../ports';

/**
 * `flow-logs`: the VPC the service's interfaces are in keeps flow logs, so that who talked to what
 * can be found after an incident. An active flow log of every packet (`ALL`): PASS. Active ones of
 * accepted or rejected packets only: WARN (half the story). None active and delivering: FAIL (a
 * flow log EC2 reports `ACTIVE` whose `DeliverLogsStatus` is `FAILED` writes nothing: its role or
 * destination refuses it). Unreadable: ERROR.
 */
export function judgeFlowLogs(
  vpc: { readonly id: string; readonly region: string; readonly ownerId: string },
  logs: Outcome<readonly FlowLog[]>,
): Finding {
  const arn = `arn:${partitionOf(vpc.region)}:ec2:${vpc.region}:${vpc.ownerId}:vpc/${vpc.id}`;
  if (!logs.ok) return errorFinding(networkFinding, 'flow-logs', arn, logs.error, { vpcId: vpc.id });
  const own = logs.value.filter((log) => log.resourceId === vpc.id);
  const active = own.filter((log) => log.status === 'ACTIVE' && log.deliverStatus !== 'FAILED');
  const evidence = {
    vpcId: vpc.id,
    flowLogs: own.map((log) => ({
      id: log.id,
      status: log.status,
      deliverStatus: log.deliverStatus ?? null,
      ...(log.deliverError === undefined ? {} : { deliverError: log.deliverError }),
      trafficType: log.trafficType ?? null,
      destinationType: log.destinationType ?? null,
    })),
  };
  if (active.length === 0) {
    return networkFinding('flow-logs', arn, {
      status: 'FAIL',
      message:
        own.length === 0
          ? `${vpc.id} keeps no flow logs: who connected to the service cannot be found after an incident.`
          : `${vpc.id} has flow logs, none of them delivering (${own.map((log) => `${log.id} ${log.status}${log.deliverStatus === 'FAILED' ? `, delivery FAILED: ${log.deliverError ?? 'no reason given'}` : ''}`).join('; ')}).`,
      evidence,
      remediation: `Turn on VPC flow logs of all traffic, and give a failing one's role or destination the permission it lacks (aws ec2 create-flow-logs --resource-type VPC --resource-ids ${vpc.id} --traffic-type ALL --log-destination-type s3 --log-destination <bucket-arn>).`,
    });
  }
  const all = active.find((log) => log.trafficType === 'ALL');
  if (all === undefined) {
    return networkFinding('flow-logs', arn, {
      status: 'WARN',
      message: `${vpc.id} logs only ${[...new Set(active.map((log) => log.trafficType ?? 'unknown'))].join(' and ')} traffic: half of who connected is missing.`,
      evidence,
      remediation: `Add a flow log of all traffic (--traffic-type ALL) to ${vpc.id}.`,
    });
  }
  return networkFinding('flow-logs', arn, {
    status: 'PASS',
    message: `${vpc.id} logs all traffic (${all.id}, to ${all.destinationType ?? 'its destination'}).`,
    evidence,
  });
}
