/*
 * The construct library: what a platform team's own CDK app imports from this package
 * (`import { Preflight } from 'preflight-deploy-gate'`), built to dist/lib by `npm run build` with declarations.
 * See docs/construct-library.md.
 */

export { DEFAULT_CONFIG_FILE, loadConfigFile } from '../lambdas/core/config/load';
export type { PreflightConfig, PreflightConfigInput } from '../lambdas/core/config/schema';
export { ConfigError, validateConfig } from '../lambdas/core/config/validate';
export { ALL_DETAIL_TYPES, DETAIL_TYPES, DETAIL_VERSION, EVENT_SOURCE } from '../lambdas/core/events/model';
export { ACTING_ROLES, type HubLocation, hubRoleArns, READING_ROLES } from './hub-roles';
export { MemberAuditRole, type MemberAuditRoleProps } from './member/audit-role';
export { MemberRollbackRole, type MemberRollbackRoleProps } from './member/rollback-role';
export {
  MEMBER_ACCOUNT_STACK_ID,
  MemberAccountStack,
  type MemberAccountStackProps,
} from './member-account-stack';
export { policyValidationPlugins } from './policy-validation';
export { Preflight, type PreflightProps, PreflightPropsError } from './preflight';
export { PreflightStack, type PreflightStackProps } from './preflight-stack';
