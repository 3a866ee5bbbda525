import { paginateDescribeAutomationExecutions, type SSMClient } from '@aws-sdk/client-ssm';
import type { AutomationExecution } from '../../core/checks/deploys/ports';
import { collectPages } from '../call';
import { required } from '../required';

const DESCRIBE_AUTOMATION_EXECUTIONS = 'ssm:DescribeAutomationExecutions';

/** DescribeAutomationExecutions' largest page. */
export const EXECUTIONS_PAGE_SIZE = 50;

/**
 * The runs of one Automation document started at or after `since`, filtered by the service
 * (document name prefix, start time) so only that document's runs travel; the prefix filter also
 * matches longer names, which are dropped here.
 */
export async function automationExecutions(
  client: SSMClient,
  documentName: string,
  since?: Date,
): Promise<AutomationExecution[]> {
  const runs = await collectPages(
    DESCRIBE_AUTOMATION_EXECUTIONS,
    paginateDescribeAutomationExecutions(
      { client, pageSize: EXECUTIONS_PAGE_SIZE },
      {
        Filters: [
          { Key: 'DocumentNamePrefix', Values: [documentName] },
          ...(since === undefined ? [] : [{ Key: 'StartTimeAfter' as const, Values: [since.toISOString()] }]),
        ],
      },
    ),
    (page) => page.AutomationExecutionMetadataList,
  );
  return runs
    .map((run) => ({
      id: required(
        DESCRIBE_AUTOMATION_EXECUTIONS,
        'AutomationExecutionMetadataList[].AutomationExecutionId',
        run.AutomationExecutionId,
      ),
      documentName: required(
        DESCRIBE_AUTOMATION_EXECUTIONS,
        'AutomationExecutionMetadataList[].DocumentName',
        run.DocumentName,
      ),
      status: required(
        DESCRIBE_AUTOMATION_EXECUTIONS,
        'AutomationExecutionMetadataList[].AutomationExecutionStatus',
        run.AutomationExecutionStatus,
      ),
      ...(run.ExecutionStartTime === undefined ? {} : { startedAt: run.ExecutionStartTime }),
      ...(run.ExecutionEndTime === undefined ? {} : { endedAt: run.ExecutionEndTime }),
      ...(run.FailureMessage === undefined ? {} : { failureMessage: run.FailureMessage }),
    }))
    .filter((run) => run.documentName === documentName);
}
