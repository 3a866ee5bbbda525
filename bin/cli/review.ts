import { type Command, InvalidArgumentError } from 'commander';
import { DynamoHistoryStore, HISTORY_RETENTION_DAYS } from '../../lambdas/aws/history-store';
import {
  deepNesting,
  FileTooLargeError,
  formatBytes,
  readBoundedText,
} from '../../lambdas/core/config/bounded-text';
import { ENVIRONMENT_NAME, ENVIRONMENT_NAME_HINT } from '../../lambdas/core/config/environments-schema';
import { SERVICE_NAME, SERVICE_NAME_HINT } from '../../lambdas/core/config/services-schema';
import {
  type HistoryEvent,
  isQuarter,
  QUARTER_HINT,
  quarterOf,
  quarterRange,
} from '../../lambdas/core/history/events';
import { HistoryFileError, parseHistoryFile } from '../../lambdas/core/history/file';
import { type HistoryFilter, HOME_ACCOUNT, matchesFilter } from '../../lambdas/core/history/filter';
import { quoteAsGiven } from '../../lambdas/core/plain-text';
import { renderReviewMarkdown } from '../../lambdas/core/review/render';
import { buildQuarterlyReview, previousQuarter } from '../../lambdas/core/review/review';
import { parseReviewFormat, type ReviewFormat } from './options';
import { UsageError } from './usage-error';

interface ReviewOptions {
  quarter?: string;
  format: ReviewFormat;
  table?: string;
  events?: string;
  region?: string;
  profile?: string;
  service?: string;
  env?: string;
  account?: string;
}

/** commander parser for `--quarter`. */
export function parseQuarter(value: string): string {
  if (!isQuarter(value)) throw new InvalidArgumentError(`${QUARTER_HINT}.`);
  return value;
}

/** commander parser for a value that must match `pattern`. */
export function matching(pattern: RegExp, hint: string): (value: string) => string {
  return (value) => {
    if (!pattern.test(value)) throw new InvalidArgumentError(`got "${value}"; ${hint}.`);
    return value;
  };
}

/** commander parser for `--account`. */
export function parseAccount(value: string): string {
  if (value !== HOME_ACCOUNT && !/^\d{12}$/.test(value)) {
    throw new InvalidArgumentError(
      `got "${value}"; expected a 12-digit AWS account id, or ${HOME_ACCOUNT} for the account Preflight runs in (events that name no account).`,
    );
  }
  return value;
}

/** Adds the options that narrow the history to one service, environment or account. */
export function withHistoryFilter(command: Command): Command {
  return command
    .option('--service <name>', 'only this service', matching(SERVICE_NAME, SERVICE_NAME_HINT))
    .option('--env <name>', 'only this environment', matching(ENVIRONMENT_NAME, ENVIRONMENT_NAME_HINT))
    .option(
      '--account <id>',
      `only this account (${HOME_ACCOUNT}: the account Preflight runs in)`,
      parseAccount,
    );
}

/** The filter the options name. */
export function historyFilter(options: { service?: string; env?: string; account?: string }): HistoryFilter {
  return {
    ...(options.service === undefined ? {} : { service: options.service }),
    ...(options.env === undefined ? {} : { environment: options.env }),
    ...(options.account === undefined ? {} : { account: options.account }),
  };
}

/** A name DynamoDB accepts for a table, or the table's ARN. */
const TABLE_NAME =
  /^([A-Za-z0-9_.-]{3,255}|arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:\d{12}:table\/[A-Za-z0-9_.-]{3,255})$/;

/**
 * The history table the options name: `--table`, else PREFLIGHT_HISTORY_TABLE. A name DynamoDB would
 * refuse is refused here, before any query.
 */
export function historyTable(options: { table?: string }, alternative: string): string {
  const table = options.table ?? process.env.PREFLIGHT_HISTORY_TABLE;
  if (!table) {
    throw new UsageError(
      `no history table: pass --table (the stack output HistoryTableName) or set PREFLIGHT_HISTORY_TABLE${alternative}.`,
    );
  }
  if (!TABLE_NAME.test(table)) {
    throw new UsageError(
      `${options.table === undefined ? 'PREFLIGHT_HISTORY_TABLE' : '--table'}: got ${quoteAsGiven(table, 80)}; expected a DynamoDB table name (3-255 letters, digits, _ . or -) or table ARN, the stack output HistoryTableName.`,
    );
  }
  return table;
}

/** The history store of a table, in the region and with the profile the options name. */
export function historyStore(
  table: string,
  options: { region?: string; profile?: string },
): DynamoHistoryStore {
  return DynamoHistoryStore.create(table, {
    ...(options.region === undefined ? {} : { region: options.region }),
    ...(options.profile === undefined ? {} : { profile: options.profile }),
  });
}

/**
 * The largest history file read: a quarter of a busy organization's events is a few tens of MiB;
 * past this, export a shorter range or one service (`history export --from --to --service`).
 */
const MAX_EVENTS_BYTES = 128 * 1024 * 1024;

/** History events nest a few levels (a watch's triggers and readings); far deeper is not an export. */
const MAX_EVENTS_DEPTH = 64;

function readEventsFile(file: string): HistoryEvent[] {
  let text: string;
  try {
    text = readBoundedText(file, MAX_EVENTS_BYTES);
  } catch (error) {
    const why =
      error instanceof FileTooLargeError
        ? `${error.message}; expected a history export of at most ${formatBytes(MAX_EVENTS_BYTES)} (export a shorter range or one service)`
        : (error as Error).message;
    throw new HistoryFileError(`${file}: could not read it (${why})`, { cause: error });
  }
  const deep = deepNesting(text, MAX_EVENTS_DEPTH);
  if (deep !== undefined) {
    throw new HistoryFileError(
      `${file}: line ${deep.line} nests objects and arrays more than ${MAX_EVENTS_DEPTH} levels deep; expected the events history export writes`,
    );
  }
  return parseHistoryFile(text, file);
}

/** Plain text for a terminal: the Markdown without its markup characters. */
function toText(markdown: string): string {
  return markdown.replace(/^#+ /gm, '').replace(/`/g, '');
}

const DAY_MS = 86_400_000;

/** Where the events were looked for: `table T`, or the file, and the filter if any. */
function describeSource(source: string, filter: HistoryFilter): string {
  const only = [
    filter.service === undefined ? undefined : `service ${filter.service}`,
    filter.environment === undefined ? undefined : `environment ${filter.environment}`,
    filter.account === undefined ? undefined : `account ${filter.account}`,
  ].filter((part) => part !== undefined);
  return only.length === 0 ? source : `${source} for ${only.join(', ')}`;
}

/**
 * The quarter to review when none is given: the one of the newest event, said on stderr, so a
 * review never silently covers a quarter without events while another has them.
 */
function chooseQuarter(newest: HistoryEvent | undefined, where: string, now: Date): string {
  if (newest === undefined) {
    const quarter = previousQuarter(now);
    process.stderr.write(`no events in ${where}; reviewing ${quarter}, the previous quarter.\n`);
    return quarter;
  }
  const quarter = quarterOf(newest.at);
  const progress = quarter === quarterOf(now) ? ' (in progress)' : '';
  process.stderr.write(
    `reviewing ${quarter}${progress}, the latest quarter with events in ${where} (--quarter picks another).\n`,
  );
  return quarter;
}

/** `preflight review`: the quarterly checklist review, built on demand from the history. */
export function registerReview(program: Command): void {
  withHistoryFilter(
    program
      .command('review')
      .description('Build the quarterly checklist review from the recorded history')
      .option(
        '--quarter <quarter>',
        'the quarter, e.g. 2026Q4 (default: the latest quarter with events)',
        parseQuarter,
      )
      .option(
        '--format <format>',
        'text, json, markdown or html (a self-contained page with charts)',
        parseReviewFormat,
        'text',
      )
      .option(
        '--table <name>',
        'the history table, stack output HistoryTableName (default: $PREFLIGHT_HISTORY_TABLE)',
      )
      .option(
        '--events <file>',
        'read history events from a file (preflight history export) instead of the table',
      )
      .option('--region <region>', 'AWS region (default: from the environment or profile)')
      .option('--profile <name>', 'AWS named profile (default: AWS_PROFILE, else the default chain)'),
  )
    // A table name DynamoDB would refuse is said before AWS is set up: the more useful first error.
    .hook('preAction', (command) => {
      const options = command.opts<ReviewOptions>();
      if (options.events === undefined && options.table !== undefined) historyTable(options, '');
    })
    .action(async (options: ReviewOptions) => {
      const now = new Date();
      const filter = historyFilter(options);
      let quarter = options.quarter;
      let events: HistoryEvent[];
      if (options.events !== undefined) {
        events = readEventsFile(options.events).filter((event) => matchesFilter(event, filter));
        if (quarter === undefined) {
          const newest = [...events].sort((a, b) => a.at.localeCompare(b.at)).at(-1);
          quarter = chooseQuarter(newest, describeSource(options.events, filter), now);
        }
      } else {
        const table = historyTable(options, ', or pass --events FILE');
        const store = historyStore(table, options);
        if (quarter === undefined) {
          const kept = new Date(now.getTime() - HISTORY_RETENTION_DAYS * DAY_MS);
          quarter = chooseQuarter(
            await store.latest(filter, kept, now),
            describeSource(`table ${table}`, filter),
            now,
          );
        }
        const { from, to } = quarterRange(quarter);
        events = await store.query(filter, from, to);
      }
      // Read from the table, the region Preflight runs in is the table's; from a file it is not known.
      const region = options.events === undefined ? (options.region ?? process.env.AWS_REGION) : undefined;
      const review = buildQuarterlyReview(quarter, events, now, region === undefined ? {} : { region });
      if (options.format === 'json') {
        process.stdout.write(`${JSON.stringify(review, null, 2)}\n`);
      } else if (options.format === 'html') {
        const { renderReviewHtml } = await import('../../lambdas/core/review/render-html');
        process.stdout.write(renderReviewHtml(review));
      } else {
        const markdown = renderReviewMarkdown(review);
        process.stdout.write(options.format === 'markdown' ? markdown : toText(markdown));
      }
    });
}
