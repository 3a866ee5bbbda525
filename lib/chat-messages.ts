import * as events from 'aws-cdk-lib/aws-events';
import { DETAIL_TYPES, REVIEW_DETAIL_TYPE } from '../lambdas/core/events/model';

/*
 * What AWS Chatbot shows for each of Preflight's events. Chatbot renders only events it knows, and
 * custom notifications of this shape ("Custom notifications" in the Amazon Q Developer in chat
 * applications guide): `version: "1.0"`, `source: "custom"`, `content.textType: "client-markdown"`
 * (the chat client's own markdown), `content.title`, `content.description`; `metadata.threadId`
 * groups the messages of one run in a thread. EventBridge's input transformer builds it from the
 * event, so nothing runs in between.
 *
 * Only fields whose characters Preflight itself holds to are put in the message: service and
 * environment names (configuration rules), the run id (an execution name: letters, digits, - and _),
 * verdicts, decisions, counts, times, detail types and the review's summary (made of numbers). The
 * `summary`, `reason` and abort notes of the other events may carry text a person wrote, so they are
 * never in a message: no one can put a link or a mention in a channel through an abort note.
 *
 * The events differ in shape, so each shape has its own route (rule and transformer): a path that an
 * event does not have is never read.
 */

/** Where the links of a message point: the console pages of the report bucket and the watch machine. */
export interface ChatLinks {
  readonly region: string;
  readonly reportBucketName: string;
  /** `arn:<partition>:states:<region>:<account>:execution:<watch state machine name>:` */
  readonly watchExecutionArnPrefix: string;
}

/** One kind of message: the events it is for, whether they carry service/environment/verdict, and its body. */
export interface ChatRoute {
  /** Construct id of the route's rule. */
  readonly id: string;
  readonly detailTypes: readonly string[];
  /** The events carry `service`, `environment` and `verdict` (every event but the quarterly review's). */
  readonly scoped: boolean;
  readonly message: (links: ChatLinks) => events.RuleTargetInput;
}

const field = (path: string) => events.EventField.fromPath(path);
const detailType = () => field('$.detail-type');
const service = () => field('$.detail.service');
const environment = () => field('$.detail.environment');
const verdict = () => field('$.detail.verdict');
const runId = () => field('$.detail.runId');

function s3ConsoleLink(links: ChatLinks, key: string): string {
  return `https://console.aws.amazon.com/s3/object/${links.reportBucketName}?region=${links.region}&prefix=${key}`;
}

function executionLink(links: ChatLinks): string {
  return `https://console.aws.amazon.com/states/home?region=${links.region}#/v2/executions/details/${links.watchExecutionArnPrefix}${runId()}`;
}

/** A custom notification Chatbot renders; `threadId` groups a run's messages. */
function notification(parts: {
  title: string;
  description: string;
  keywords: string[];
  eventType: string;
  threadId?: string;
}): events.RuleTargetInput {
  return events.RuleTargetInput.fromObject({
    version: '1.0',
    source: 'custom',
    id: field('$.id'),
    content: {
      textType: 'client-markdown',
      title: parts.title,
      description: parts.description,
      keywords: parts.keywords,
    },
    metadata: {
      ...(parts.threadId === undefined ? {} : { threadId: parts.threadId }),
      summary: parts.title,
      eventType: parts.eventType,
    },
  });
}

const count = (status: string) => `${field(`$.detail.counts.${status}`)} ${status}`;

export const CHAT_ROUTES: readonly ChatRoute[] = [
  {
    id: 'Results',
    detailTypes: [DETAIL_TYPES.gateVerdict, DETAIL_TYPES.postureChanged],
    scoped: true,
    message: (links) =>
      notification({
        title: `${detailType()}: ${verdict()} for ${service()} in ${environment()}`,
        description: [
          `Findings: ${['FAIL', 'ERROR', 'WARN', 'MUTED', 'PASS', 'SKIPPED'].map(count).join(', ')}`,
          `Run: ${runId()}`,
          `Report: ${s3ConsoleLink(links, `runs/${runId()}/report.md`)}`,
        ].join('\n'),
        keywords: [verdict(), service(), environment()],
        eventType: detailType(),
        threadId: runId(),
      }),
  },
  {
    id: 'WatchDecisions',
    detailTypes: [DETAIL_TYPES.watchDecision, DETAIL_TYPES.watchAborted],
    scoped: true,
    message: (links) =>
      notification({
        title: `${detailType()}: ${field('$.detail.decision')} for ${service()} in ${environment()}`,
        description: [
          `Verdict: ${verdict()}, decided at ${field('$.detail.decidedAt')}`,
          `Run: ${runId()}`,
          `Watch: ${executionLink(links)}`,
        ].join('\n'),
        keywords: [verdict(), service(), environment()],
        eventType: detailType(),
        threadId: runId(),
      }),
  },
  {
    id: 'Rollbacks',
    detailTypes: [DETAIL_TYPES.rollback],
    scoped: true,
    message: (links) =>
      notification({
        title: `${detailType()} of ${service()} in ${environment()}: succeeded ${field('$.detail.rollback.succeeded')}`,
        description: [
          `Decision: ${field('$.detail.decision')} (verdict ${verdict()}) at ${field('$.detail.decidedAt')}`,
          `Run: ${runId()}`,
          `Watch: ${executionLink(links)}`,
        ].join('\n'),
        keywords: [verdict(), service(), environment()],
        eventType: detailType(),
        threadId: runId(),
      }),
  },
  {
    id: 'Escalations',
    detailTypes: [DETAIL_TYPES.watchEscalation],
    scoped: true,
    message: (links) =>
      notification({
        title: `${detailType()}: ${service()} in ${environment()} needs a person`,
        description: [
          `The watch went without data too long (${field('$.detail.escalatedAt')}); verdict so far ${verdict()}.`,
          `Run: ${runId()}`,
          `Watch: ${executionLink(links)}`,
        ].join('\n'),
        keywords: [verdict(), service(), environment()],
        eventType: detailType(),
        threadId: runId(),
      }),
  },
  {
    id: 'Reviews',
    detailTypes: [REVIEW_DETAIL_TYPE],
    scoped: false,
    message: (links) =>
      notification({
        title: `${detailType()}: ${field('$.detail.quarter')}`,
        description: [
          `${field('$.detail.summary')}`,
          `Review: ${s3ConsoleLink(links, `reviews/${field('$.detail.quarter')}/review.html`)}`,
        ].join('\n'),
        keywords: [field('$.detail.quarter')],
        eventType: detailType(),
      }),
  },
];
