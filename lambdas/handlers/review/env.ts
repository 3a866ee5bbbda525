import { functionEnvironment, variable } from '../environment';

/** The quarterly review: the history it reads, where the review is stored, who is told. */
export const QuarterlyReviewEnvironment = functionEnvironment('quarterly review', {
  REPORT_BUCKET: variable.name(),
  HISTORY_TABLE: variable.name(),
  ALERT_TOPIC_ARN: variable.arn(),
  /** The schedule's time zone (`timezone`): the quarter just ended is the one before today there. */
  TIME_ZONE: variable.timeZone(),
});
