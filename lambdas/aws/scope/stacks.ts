import { type CloudFormationClient, paginateListStackResources } from '@aws-sdk/client-cloudformation';
import type { StackResource } from '../../core/scope/ports';
import { collectPages, toAwsCallError } from '../call';

const LIST = 'cloudformation:ListStackResources';

/** CloudFormation answers a stack that does not exist with a ValidationError saying so. */
function isMissingStack(error: unknown): boolean {
  const e = error as { name?: string; message?: string };
  return e.name === 'ValidationError' && /does not exist/i.test(e.message ?? '');
}

/**
 * Every resource of the stack (one paginated ListStackResources, which carries the type, logical
 * and physical id, so no per-resource call follows); `undefined` when the stack does not exist.
 */
export async function stackResources(
  client: CloudFormationClient,
  stack: string,
): Promise<StackResource[] | undefined> {
  try {
    const summaries = await collectPages(
      LIST,
      paginateListStackResources({ client }, { StackName: stack }),
      (page) => page.StackResourceSummaries,
    );
    return summaries.flatMap((s) =>
      s.LogicalResourceId === undefined || s.ResourceType === undefined
        ? []
        : [
            {
              logicalId: s.LogicalResourceId,
              type: s.ResourceType,
              ...(s.PhysicalResourceId === undefined || s.PhysicalResourceId === ''
                ? {}
                : { physicalId: s.PhysicalResourceId }),
            },
          ],
    );
  } catch (error) {
    // collectPages rewrapped the SDK error; the original name and message are in its text.
    const cause = error as { code?: string; message?: string };
    if (isMissingStack({ name: cause.code, message: cause.message })) return undefined;
    throw toAwsCallError(LIST, error);
  }
}
