import { functionEnvironment, variable } from '../environment';

/** The watch's start and step functions: where aborts, decisions and history are kept. */
export const WatchEnvironment = functionEnvironment('watch', {
  REPORT_BUCKET: variable.name(),
  HISTORY_TABLE: variable.name(),
});

/**
 * The act function also knows where it runs (from the stack's own account and region), because the
 * rollback action acts there only.
 */
export const ActEnvironment = functionEnvironment('watch act', {
  REPORT_BUCKET: variable.name(),
  HISTORY_TABLE: variable.name(),
  HOME_ACCOUNT: variable.accountId(),
  HOME_REGION: variable.region(),
});
