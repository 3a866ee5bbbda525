import {
  paginateGetResources,
  type ResourceGroupsTaggingAPIClient,
} from '@aws-sdk/client-resource-groups-tagging-api';
import type { ScopeResourceType } from '../../core/scope/types';
import { collectPages } from '../call';

/** The tagging API's largest page. */
export const RESOURCES_PER_PAGE = 100;

/**
 * The tagging API's types for one scope kind: an API's kind also asks for its stages, a type of
 * their own there, since a stage can carry the service's tag when its API does not.
 */
const resourceTypeFilters = (type: ScopeResourceType): string[] =>
  type === 'apigateway:restapis' || type === 'apigateway:apis' ? [type, `${type}/stages`] : [type];

/**
 * ARNs of the resources of `types` that carry every one of `tags`: one paginated GetResources with
 * a filter per tag (filters are ANDed) and the types as ResourceTypeFilters, so the API returns only
 * what a check judges.
 */
export async function resourcesWithTags(
  client: ResourceGroupsTaggingAPIClient,
  tags: Readonly<Record<string, string>>,
  types: readonly ScopeResourceType[],
): Promise<string[]> {
  const mappings = await collectPages(
    'tag:GetResources',
    paginateGetResources(
      { client },
      {
        TagFilters: Object.entries(tags).map(([Key, value]) => ({ Key, Values: [value] })),
        ResourceTypeFilters: types.flatMap(resourceTypeFilters),
        ResourcesPerPage: RESOURCES_PER_PAGE,
      },
    ),
    (page) => page.ResourceTagMappingList,
  );
  return [...new Set(mappings.flatMap((m) => (m.ResourceARN === undefined ? [] : [m.ResourceARN])))];
}
