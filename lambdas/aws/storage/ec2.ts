import { type EC2Client, paginateDescribeInstances } from '@aws-sdk/client-ec2';
import type { RunningInstance } from '../../core/checks/storage/ports';
import { collectPages } from '../call';
import { required } from '../required';

const DESCRIBE_INSTANCES = 'ec2:DescribeInstances';

/** DescribeInstances' largest page. */
export const INSTANCES_PAGE_SIZE = 1000;

/** Every running instance of the region, 1,000 to a page, with its owner and Name tag. */
export async function listRunningInstances(client: EC2Client): Promise<RunningInstance[]> {
  const reservations = await collectPages(
    DESCRIBE_INSTANCES,
    paginateDescribeInstances(
      { client, pageSize: INSTANCES_PAGE_SIZE },
      { Filters: [{ Name: 'instance-state-name', Values: ['running'] }] },
    ),
    (page) => page.Reservations,
  );
  return reservations.flatMap((reservation) => {
    const ownerId = required(DESCRIBE_INSTANCES, 'Reservations[].OwnerId', reservation.OwnerId);
    return (reservation.Instances ?? []).map((instance) => {
      const name = instance.Tags?.find((t) => t.Key === 'Name')?.Value;
      return {
        id: required(DESCRIBE_INSTANCES, 'Reservations[].Instances[].InstanceId', instance.InstanceId),
        ownerId,
        ...(name === undefined || name === '' ? {} : { name }),
      };
    });
  });
}
