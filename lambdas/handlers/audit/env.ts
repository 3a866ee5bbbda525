import { functionEnvironment, variable } from '../environment';

/** The input step reads no variable of its own: the configuration comes in the state machine's input. */
export const ValidateInputEnvironment = functionEnvironment('audit input validation', {});

/** A check function: where to store results, and the role that reaches other accounts. */
export const CheckEnvironment = functionEnvironment('check', {
  REPORT_BUCKET: variable.name(),
  /** Preflight's named role that member accounts trust; the check functions assume it first. */
  REACH_ROLE_ARN: variable.arn(),
});

/** The report step: where runs and reports are stored, and the history it records to. */
export const BuildReportEnvironment = functionEnvironment('audit report', {
  REPORT_BUCKET: variable.name(),
  HISTORY_TABLE: variable.name(),
});

/** The sign-off request: where the request is kept, and the topic that tells the role. */
export const RequestSignoffEnvironment = functionEnvironment('sign-off request', {
  REPORT_BUCKET: variable.name(),
  ALERT_TOPIC_ARN: variable.arn(),
});

/** The step that saves the scheduled audit's memory. */
export const RememberPostureEnvironment = functionEnvironment('posture memory', {
  REPORT_BUCKET: variable.name(),
});

/** The Security Hub import: where reports and its memory are, the product it imports into, the docs link. */
export const ImportFindingsEnvironment = functionEnvironment('Security Hub import', {
  REPORT_BUCKET: variable.name(),
  /** `arn:<partition>:securityhub:<region>:<account>:product/<account>/default`. */
  PRODUCT_ARN: variable.arn(),
  /** Where the `docs/` folder is published (https), or empty for no remediation link. */
  DOCS_URL: variable.optionalUrl(),
});
