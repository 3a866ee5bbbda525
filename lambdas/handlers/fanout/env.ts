import { functionEnvironment, variable } from '../environment';

/** The fan-out's functions: where the plan, the children's results and the summary are. */
export const FanoutEnvironment = functionEnvironment('scheduled audit fan-out', {
  REPORT_BUCKET: variable.name(),
});
