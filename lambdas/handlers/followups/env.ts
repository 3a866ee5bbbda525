import { functionEnvironment, variable } from '../environment';

/** A follow-up: who is told, the history it reads, where each watch keeps its follow-up settings. */
export const FollowupEnvironment = functionEnvironment('follow-up', {
  ALERT_TOPIC_ARN: variable.arn(),
  HISTORY_TABLE: variable.name(),
  /** Where each watch keeps its deployment's follow-up settings (`watches/<id>/followup.json`). */
  REPORT_BUCKET: variable.name(),
});

/** The scheduler of follow-ups: what the schedules invoke, as whom, and where undelivered ones go. */
export const ScheduleFollowupsEnvironment = functionEnvironment('follow-up scheduler', {
  FOLLOWUP_FUNCTION_ARN: variable.arn(),
  SCHEDULER_ROLE_ARN: variable.arn(),
  /** The queue a follow-up goes to when Scheduler cannot deliver it (alarmed). */
  FOLLOWUP_DEAD_LETTER_QUEUE_ARN: variable.arn(),
});
