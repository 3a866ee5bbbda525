import {
  Annotations,
  Aws,
  CfnCondition,
  CfnOutput,
  CfnParameter,
  Fn,
  LegacyStackSynthesizer,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { MAX_EXTERNAL_ID } from '../lambdas/core/config/environments-schema';
import type { PreflightConfig } from '../lambdas/core/config/schema';
import { ACTING_ROLES, type HubLocation, hubRoleArns, READING_ROLES } from './hub-roles';
import { MemberAuditRole } from './member/audit-role';
import { MemberRollbackRole } from './member/rollback-role';
import { memberRollbackAccounts, memberRollbackPermissions } from './watch/rollback-permissions';

/** The stack's name in the CDK app: `cdk synth PreflightMemberAccount`. */
export const MEMBER_ACCOUNT_STACK_ID = 'PreflightMemberAccount';
export const DEFAULT_AUDIT_ROLE_NAME = 'preflight-audit';
export const DEFAULT_ROLLBACK_ROLE_NAME = 'preflight-rollback';
/**
 * STS takes external ids up to 1,224 characters; the trust policy that holds one must fit IAM's
 * 2,048-character limit beside the names of Preflight's roles, so the member stack takes up to 256,
 * and the configuration accepts no longer one.
 */
export const MAX_EXTERNAL_ID_LENGTH = MAX_EXTERNAL_ID;
const ROLE_NAME_PATTERN = '[\\w+=,.@-]+';

export interface MemberAccountStackProps extends StackProps {
  /** The validated configuration: `home` (where Preflight is) and the services' rollback targets. */
  readonly config: PreflightConfig;
  /**
   * The configuration file, named when `home` is missing.
   * @default "the configuration"
   */
  readonly configSource?: string;
}

/** What `cdk synth PreflightMemberAccount` says when the configuration does not name Preflight's home. */
export function missingHomeMessage(configSource = 'the configuration'): string {
  return [
    `${MEMBER_ACCOUNT_STACK_ID} needs to know where Preflight is deployed, and ${configSource} does not say:`,
    'set "home": {"account": "<12-digit id of the account the Preflight stack is in>", "regions": ["<each region it is deployed in>"]},',
    'e.g. "home": {"account": "111122223333", "regions": ["eu-west-1"]}.',
    "The member account's roles trust Preflight's named roles in that account and those regions, and nothing else.",
    '`cdk synth Preflight` does not need it.',
  ].join(' ');
}

/**
 * What a member account (one Preflight audits, or watches a service in) deploys, by StackSets to an
 * organizational unit: the read-only audit role and, in accounts where the configuration has rollback
 * targets, the rollback role. Both trust only Preflight's named roles (`lib/hub-roles.ts`) in its home
 * account and regions, with the external id given as a parameter. IAM is global: one stack instance
 * per account, in one region. The template needs no bootstrap and has no assets, so StackSets can
 * deploy it as it is.
 */
export class MemberAccountStack extends Stack {
  /** `undefined` when the configuration names no `home` (synthesis then stops with an error). */
  readonly auditRole?: MemberAuditRole;
  /** The rollback role of each account with rollback targets, by account id. */
  readonly rollbackRoles: ReadonlyMap<string, MemberRollbackRole>;

  constructor(scope: Construct, id: string, props: MemberAccountStackProps) {
    const { config, configSource, ...stackProps } = props;
    super(scope, id, {
      description: "Preflight member account: the roles Preflight's audits and watches use here",
      ...stackProps,
      // A plain template StackSets deploy as is: no assets, no CDK metadata, no bootstrap version rule,
      // and no bootstrap roles (BootstraplessSynthesizer still names the deploy and execution roles
      // of the bootstrap stack): `cdk deploy` uses the caller's own credentials.
      synthesizer: new LegacyStackSynthesizer(),
      analyticsReporting: false,
    });
    const home = config.home;
    const rollbackRoles = new Map<string, MemberRollbackRole>();
    this.rollbackRoles = rollbackRoles;
    if (home === undefined) {
      Annotations.of(this).addError(missingHomeMessage(configSource));
      Validations.of(this).acknowledge({
        id: 'CloudFormation-Validate::F0001',
        reason:
          'Without home the stack is empty, and the error annotation on it stops its synthesis, saying what to set.',
      });
      return;
    }
    const hub: HubLocation = { partition: Aws.PARTITION, account: home.account, regions: home.regions };

    const externalId = new CfnParameter(this, 'ExternalId', {
      type: 'String',
      noEcho: true,
      minLength: 2,
      maxLength: MAX_EXTERNAL_ID_LENGTH,
      allowedPattern: '[\\w+=,.@:/-]*',
      constraintDescription: `2-${MAX_EXTERNAL_ID_LENGTH} letters, digits or +=,.@:/-`,
      description:
        'The external id Preflight passes when it assumes these roles: environments.<env>.access.externalId',
    }).valueAsString;
    const auditRoleName = new CfnParameter(this, 'AuditRoleName', {
      type: 'String',
      default: DEFAULT_AUDIT_ROLE_NAME,
      minLength: 1,
      maxLength: 64,
      allowedPattern: ROLE_NAME_PATTERN,
      description: 'The audit role: environments.<env>.access.roleName',
    }).valueAsString;

    this.auditRole = new MemberAuditRole(this, 'Audit', {
      roleName: auditRoleName,
      trustedRoleArns: hubRoleArns(hub, READING_ROLES),
      externalId,
    });
    new CfnOutput(this, 'AuditRoleArn', {
      description: "Preflight's read-only audit role in this account",
      value: this.auditRole.role.roleArn,
    });

    // Accounts whose environments name a rollback role, each with what its services' targets need.
    const rollbacks = memberRollbackAccounts(config)
      .map((account) => ({ account, ...memberRollbackPermissions(this, config, account, home.regions) }))
      .filter(({ statements }) => statements.length > 0);
    if (rollbacks.length === 0) return;
    const rollbackRoleName = new CfnParameter(this, 'RollbackRoleName', {
      type: 'String',
      default: DEFAULT_ROLLBACK_ROLE_NAME,
      minLength: 1,
      maxLength: 64,
      allowedPattern: ROLE_NAME_PATTERN,
      description:
        'The rollback role, in the accounts of the rollback targets: environments.<env>.access.rollbackRoleName',
    }).valueAsString;
    for (const { account, statements, wildcards } of rollbacks) {
      rollbackRoles.set(
        account,
        new MemberRollbackRole(this, `Rollback${account}`, {
          roleName: rollbackRoleName,
          trustedRoleArns: hubRoleArns(hub, ACTING_ROLES),
          externalId,
          statements,
          wildcards,
          condition: new CfnCondition(this, `InAccount${account}`, {
            expression: Fn.conditionEquals(Aws.ACCOUNT_ID, account),
          }),
        }),
      );
    }
  }
}
