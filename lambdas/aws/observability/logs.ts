import {
  type CloudWatchLogsClient,
  DescribeLogStreamsCommand,
  paginateDescribeLogGroups,
  type LogGroup as SdkLogGroup,
} from '@aws-sdk/client-cloudwatch-logs';
import type { LogActivity, LogGroup } from '../../core/checks/observability/ports';
import { callAws, collectPages } from '../call';
import { readEach } from '../each-resource';
import { required } from '../required';

const DESCRIBE_LOG_GROUPS = 'logs:DescribeLogGroups';
const DESCRIBE_LOG_STREAMS = 'logs:DescribeLogStreams';

/** DescribeLogGroups' and DescribeLogStreams' largest page. */
export const LOGS_PAGE_SIZE = 50;

const date = (epochMs: number | undefined) => (epochMs === undefined ? undefined : new Date(epochMs));

function toLogGroup(group: SdkLogGroup): LogGroup {
  const name = required(DESCRIBE_LOG_GROUPS, 'logGroup.logGroupName', group.logGroupName);
  // `arn` ends with `:*`; `logGroupArn` (newer) does not: the form the tagging API and stacks use.
  const arn =
    group.logGroupArn ?? required(DESCRIBE_LOG_GROUPS, 'logGroup.arn', group.arn).replace(/:\*$/, '');
  return {
    name,
    arn,
    ...(group.retentionInDays === undefined ? {} : { retentionInDays: group.retentionInDays }),
    ...(group.creationTime === undefined ? {} : { createdAt: new Date(group.creationTime) }),
  };
}

/** Every log group in the region, 50 to a page. */
export async function listLogGroups(client: CloudWatchLogsClient): Promise<LogGroup[]> {
  const groups = await collectPages(
    DESCRIBE_LOG_GROUPS,
    paginateDescribeLogGroups({ client, pageSize: LOGS_PAGE_SIZE }, {}),
    (page) => page.logGroups,
  );
  return readEach(
    DESCRIBE_LOG_GROUPS,
    groups,
    (group) => ({ arn: group.logGroupArn ?? group.arn?.replace(/:\*$/, ''), names: [group.logGroupName] }),
    toLogGroup,
  );
}

const newest = (dates: readonly (Date | undefined)[]) =>
  dates.reduce<Date | undefined>(
    (best, at) => (at !== undefined && (best === undefined || at > best) ? at : best),
    undefined,
  );

/**
 * The newest activity of one log group: ONE DescribeLogStreams call, its streams ordered by last
 * event, newest first, a full page of them (the last event time lags, so a stream written a moment
 * ago may not sort first: the newest ingestion among the page is kept too). Older pages cannot hold
 * a newer event, so they are not read.
 */
export async function logActivity(client: CloudWatchLogsClient, logGroupName: string): Promise<LogActivity> {
  const page = await callAws(DESCRIBE_LOG_STREAMS, () =>
    client.send(
      new DescribeLogStreamsCommand({
        logGroupName,
        orderBy: 'LastEventTime',
        descending: true,
        limit: LOGS_PAGE_SIZE,
      }),
    ),
  );
  const streams = page.logStreams ?? [];
  const lastEventAt = newest(streams.map((s) => date(s.lastEventTimestamp)));
  const lastIngestionAt = newest(streams.map((s) => date(s.lastIngestionTime)));
  return {
    streams: streams.length,
    ...(lastEventAt === undefined ? {} : { lastEventAt }),
    ...(lastIngestionAt === undefined ? {} : { lastIngestionAt }),
  };
}
