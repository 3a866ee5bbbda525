import type { Finding } from '../../../../findings';
import { partitionOfRegion } from '../../../../partition';
import { errorFinding } from '../../../kit/finding';
import type { Outcome } from '../../../kit/outcome';
import { networkFinding } from '../../finding';
import type { FlowLog, NetworkInterface } from '../../ports';

/** A flow log that writes: `ACTIVE` and not failing to deliver (its role or destination refusing it). */
const delivers = (log: FlowLog) => log.status === 'ACTIVE' && log.deliverStatus !== 'FAILED';

/** Where an interface is, for naming what no flow log covers: its subnet, else itself. */
const placeOf = (eni: Pick<NetworkInterface, 'id' | 'subnetId'>) => eni.subnetId ?? eni.id;

const describeLog = (log: FlowLog) =>
  `${log.id} of ${log.resourceId} ${log.status}${log.deliverStatus === 'FAILED' ? `, delivery FAILED: ${log.deliverError ?? 'no reason given'}` : ''}`;

/**
 * `flow-logs`: the service's interfaces in a VPC are covered by flow logs, so that who talked to what
 * can be found after an incident. An interface is covered by a flow log of its VPC, its subnet or
 * itself that is `ACTIVE` and delivering (one EC2 reports `ACTIVE` whose `DeliverLogsStatus` is
 * `FAILED` writes nothing). Every interface covered with all traffic (`ALL`): PASS. Some not covered:
 * WARN naming their subnets (FAIL when none is). Covered by flow logs of accepted or rejected packets
 * only: WARN (half the story). Unreadable: ERROR.
 */
export function judgeFlowLogs(
  vpc: { readonly id: string; readonly region: string; readonly ownerId: string },
  interfaces: readonly Pick<NetworkInterface, 'id' | 'subnetId'>[],
  logs: Outcome<readonly FlowLog[]>,
): Finding {
  const arn = `arn:${partitionOfRegion(vpc.region)}:ec2:${vpc.region}:${vpc.ownerId}:vpc/${vpc.id}`;
  if (!logs.ok) return errorFinding(networkFinding, 'flow-logs', arn, logs.error, { vpcId: vpc.id });
  // No interface given: the VPC's own flow logs alone decide (the VPC stands for its interfaces).
  const judged: readonly Pick<NetworkInterface, 'id' | 'subnetId'>[] =
    interfaces.length === 0 ? [{ id: vpc.id }] : interfaces;
  const logged = new Set([
    vpc.id,
    ...interfaces.flatMap((eni) => [eni.id, ...(eni.subnetId === undefined ? [] : [eni.subnetId])]),
  ]);
  const own = logs.value.filter((log) => logged.has(log.resourceId));
  const covering = (eni: Pick<NetworkInterface, 'id' | 'subnetId'>) =>
    own.filter((log) => delivers(log) && [vpc.id, eni.subnetId, eni.id].includes(log.resourceId));
  const evidence = {
    vpcId: vpc.id,
    flowLogs: own.map((log) => ({
      id: log.id,
      resourceId: log.resourceId,
      status: log.status,
      deliverStatus: log.deliverStatus ?? null,
      ...(log.deliverError === undefined ? {} : { deliverError: log.deliverError }),
      trafficType: log.trafficType ?? null,
      destinationType: log.destinationType ?? null,
    })),
  };
  const bare = judged.filter((eni) => covering(eni).length === 0);
  const uncovered = [...new Set(bare.map(placeOf))].sort();
  if (bare.length === judged.length) {
    return networkFinding('flow-logs', arn, {
      status: 'FAIL',
      message:
        own.length === 0
          ? `${vpc.id} keeps no flow logs (of the VPC, or of the service's subnets or interfaces): who connected to the service cannot be found after an incident.`
          : `${vpc.id} has flow logs, none of them delivering for the service's interfaces (${own.map(describeLog).join('; ')}).`,
      evidence,
      remediation: `Turn on VPC flow logs of all traffic, and give a failing one's role or destination the permission it lacks (aws ec2 create-flow-logs --resource-type VPC --resource-ids ${vpc.id} --traffic-type ALL --log-destination-type s3 --log-destination <bucket-arn>).`,
    });
  }
  if (uncovered.length > 0) {
    const failing = own.filter((log) => !delivers(log) && uncovered.includes(log.resourceId));
    return networkFinding('flow-logs', arn, {
      status: 'WARN',
      message: `${vpc.id} keeps no VPC flow log, and ${uncovered.join(', ')} ${uncovered.length === 1 ? 'has' : 'have'} none delivering${failing.length === 0 ? '' : ` (${failing.map(describeLog).join('; ')})`}: the service's traffic there cannot be found after an incident.`,
      evidence: { ...evidence, uncovered },
      remediation: `Log all traffic of ${vpc.id} (aws ec2 create-flow-logs --resource-type VPC --resource-ids ${vpc.id} --traffic-type ALL ...), or of each uncovered subnet (--resource-type Subnet --resource-ids ${uncovered.join(' ')}).`,
    });
  }
  const halfLogged = judged.filter((eni) => !covering(eni).some((log) => log.trafficType === 'ALL'));
  if (halfLogged.length > 0) {
    const types = [
      ...new Set(halfLogged.flatMap((eni) => covering(eni).map((log) => log.trafficType ?? 'unknown'))),
    ];
    return networkFinding('flow-logs', arn, {
      status: 'WARN',
      message: `${vpc.id} logs only ${types.join(' and ')} traffic of ${[...new Set(halfLogged.map(placeOf))].sort().join(', ')}: half of who connected is missing.`,
      evidence,
      remediation: `Add a flow log of all traffic (--traffic-type ALL) to ${vpc.id}.`,
    });
  }
  const whole = own.find((log) => log.resourceId === vpc.id && delivers(log) && log.trafficType === 'ALL');
  if (whole !== undefined) {
    return networkFinding('flow-logs', arn, {
      status: 'PASS',
      message: `${vpc.id} logs all traffic (${whole.id}, to ${whole.destinationType ?? 'its destination'}).`,
      evidence,
    });
  }
  const parts = [
    ...new Set(
      judged.map((eni) => {
        const log = covering(eni).find((l) => l.trafficType === 'ALL') as FlowLog;
        return `${log.resourceId} (${log.id})`;
      }),
    ),
  ].sort();
  return networkFinding('flow-logs', arn, {
    status: 'PASS',
    message: `${vpc.id} keeps no VPC flow log, but every subnet or interface of the service in it logs all traffic: ${parts.join(', ')}.`,
    evidence,
  });
}
