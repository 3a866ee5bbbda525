import { HTTP_API_LISTING } from '../api-gateway/permissions';
import { type FamilyCatalogue, SCOPE_PERMISSIONS } from '../types';

/**
 * The cors family's checks as planning, the report and the stack know them (id, title, IAM actions,
 * scope kind): plain data. Their run code is `./definitions.ts`, which spreads each entry.
 */
export const corsCatalogue = {
  'cors-policies': {
    id: 'cors-policies',
    title:
      "The service's function URLs, HTTP APIs and S3 buckets list their allowed origins: never * with credentials, nor * with writes",
    permissions: [
      'lambda:ListFunctions',
      'lambda:GetFunctionUrlConfig',
      's3:ListAllMyBuckets',
      's3:GetBucketCORS',
      ...SCOPE_PERMISSIONS,
    ],
    resourcePermissions: [HTTP_API_LISTING],
    scope: { kind: 'resources', types: ['lambda:function', 'apigateway:apis', 's3'] },
  },
} as const satisfies FamilyCatalogue;
