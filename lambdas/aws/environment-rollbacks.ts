import type { EnvironmentTarget } from '../core/services/target';
import type { AwsClientOptions } from './client-config';
import { EnvironmentClients } from './environment-clients';
import { NO_ROLLBACK_ACTION, RollbackActions, type RollbackRequest, type RollbackResult } from './rollback';

/*
 * The rollback action, run in the watched service's account: through the environment's rollback
 * role when the environment is reached through a role (never through its read-only audit role), or
 * with Preflight's own credentials for an environment in Preflight's own account. Nothing is ever
 * thrown: a role that cannot be assumed, or none configured, is a failed rollback with the reason,
 * so people roll back by hand.
 */

/** A rollback request with the environment it acts in. */
export interface EnvironmentRollbackRequest extends RollbackRequest {
  readonly reach: EnvironmentTarget;
}

/** Runs rollback actions in the environments they belong to; clients kept per role and region. */
export class EnvironmentRollbacks {
  private readonly clients: EnvironmentClients<RollbackActions>;

  constructor(base: AwsClientOptions = {}) {
    this.clients = new EnvironmentClients((options) => RollbackActions.create(options), 'rollback', base);
  }

  async run(request: EnvironmentRollbackRequest): Promise<RollbackResult> {
    const { action } = request.action;
    // `none` calls nothing, so it needs no access at all.
    if (action === 'none') return { action, succeeded: true, detail: NO_ROLLBACK_ACTION };
    const { reach } = request;
    if (reach.role !== undefined && reach.rollbackRole === undefined) {
      return {
        action,
        succeeded: false,
        detail: `refused to roll back: environment "${reach.name}" names no rollback role (environments.${reach.name}.access.rollbackRoleName), and its audit role is read-only; nothing was rolled back`,
      };
    }
    const asRollbackRole: EnvironmentTarget =
      reach.rollbackRole === undefined ? reach : { ...reach, role: reach.rollbackRole };
    let actions: RollbackActions;
    try {
      actions = await this.clients.get(asRollbackRole, request.where.region);
    } catch (error) {
      return {
        action,
        succeeded: false,
        detail: `could not reach environment "${reach.name}" to roll back: ${(error as Error).message}; nothing was rolled back`,
      };
    }
    return actions.run(request);
  }
}
