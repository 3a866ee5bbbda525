import { readFileSync } from 'node:fs';
import { type Command, InvalidArgumentError } from 'commander';
import { DynamoHistoryStore } from '../../lambdas/aws/history-store';
import { ENVIRONMENT_NAME, ENVIRONMENT_NAME_HINT } from '../../lambdas/core/config/environments-schema';
import { SERVICE_NAME, SERVICE_NAME_HINT } from '../../lambdas/core/config/services-schema';
import { type HistoryEvent, quarterRange } from '../../lambdas/core/history/events';
import { type HistoryFilter, HOME_ACCOUNT, matchesFilter } from '../../lambdas/core/history/filter';
import { renderReviewMarkdown } from '../../lambdas/core/review/render';
import { buildQuarterlyReview, previousQuarter } from '../../lambdas/core/review/review';
import { type Format, parseFormat } from './options';
import { UsageError } from './usage-error';

interface ReviewOptions {
  quarter?: string;
  format: Format;
  table?: string;
  events?: string;
  region?: string;
  service?: string;
  env?: string;
  account?: string;
}

function parseQuarter(value: string): string {
  if (!/^\d{4}Q[1-4]$/.test(value)) throw new InvalidArgumentError('expected a quarter such as 2026Q4.');
  return value;
}

function matching(pattern: RegExp, hint: string): (value: string) => string {
  return (value) => {
    if (!pattern.test(value)) throw new InvalidArgumentError(`got "${value}"; ${hint}.`);
    return value;
  };
}

function parseAccount(value: string): string {
  if (value !== HOME_ACCOUNT && !/^\d{12}$/.test(value)) {
    throw new InvalidArgumentError(
      `got "${value}"; expected a 12-digit AWS account id, or ${HOME_ACCOUNT} for the account Preflight runs in (events that name no account).`,
    );
  }
  return value;
}

function readEvents(file: string): HistoryEvent[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`${file}: expected a JSON array of history events (${(error as Error).message})`);
  }
  if (!Array.isArray(parsed)) throw new UsageError(`${file}: expected a JSON array of history events`);
  parsed.forEach((e, index) => {
    const event = e as Partial<HistoryEvent>;
    if (
      typeof event?.kind !== 'string' ||
      typeof event.at !== 'string' ||
      typeof event.service !== 'string'
    ) {
      throw new UsageError(`${file}: event [${index}] needs at least kind, at and service`);
    }
    if (event.account !== undefined && !/^\d{12}$/.test(String(event.account))) {
      throw new UsageError(
        `${file}: event [${index}] has account ${JSON.stringify(event.account)}; expected a 12-digit AWS account id, or no account (the account Preflight runs in)`,
      );
    }
    if (event.region !== undefined && typeof event.region !== 'string') {
      throw new UsageError(
        `${file}: event [${index}] has region ${JSON.stringify(event.region)}; expected a region name such as eu-west-1`,
      );
    }
  });
  return parsed as HistoryEvent[];
}

/** Plain text for a terminal: the Markdown without its markup characters. */
function toText(markdown: string): string {
  return markdown.replace(/^#+ /gm, '').replace(/`/g, '');
}

/** `preflight review`: the quarterly checklist review, built on demand from the history. */
export function registerReview(program: Command): void {
  program
    .command('review')
    .description('Build the quarterly checklist review from the recorded history')
    .option('--quarter <quarter>', 'the quarter, e.g. 2026Q4 (default: the previous quarter)', parseQuarter)
    .option('--format <format>', 'text, json or markdown', parseFormat, 'text')
    .option('--table <name>', 'the history table (default: $PREFLIGHT_HISTORY_TABLE)')
    .option('--events <file>', 'read history events from a JSON file instead of the table')
    .option('--region <region>', 'AWS region (default: from the environment or profile)')
    .option('--service <name>', 'only this service', matching(SERVICE_NAME, SERVICE_NAME_HINT))
    .option('--env <name>', 'only this environment', matching(ENVIRONMENT_NAME, ENVIRONMENT_NAME_HINT))
    .option(
      '--account <id>',
      `only this account (${HOME_ACCOUNT}: the account Preflight runs in)`,
      parseAccount,
    )
    .action(async (options: ReviewOptions) => {
      const now = new Date();
      const quarter = options.quarter ?? previousQuarter(now);
      const filter: HistoryFilter = {
        ...(options.service === undefined ? {} : { service: options.service }),
        ...(options.env === undefined ? {} : { environment: options.env }),
        ...(options.account === undefined ? {} : { account: options.account }),
      };
      let events: HistoryEvent[];
      if (options.events !== undefined) {
        events = readEvents(options.events).filter((event) => matchesFilter(event, filter));
      } else {
        const table = options.table ?? process.env.PREFLIGHT_HISTORY_TABLE;
        if (!table)
          throw new UsageError(
            'no history: pass --table (or set PREFLIGHT_HISTORY_TABLE), or --events FILE.',
          );
        const { from, to } = quarterRange(quarter);
        events = await DynamoHistoryStore.create(
          table,
          options.region === undefined ? {} : { region: options.region },
        ).query(filter, from, to);
      }
      // Read from the table, the region Preflight runs in is the table's; from a file it is not known.
      const region = options.events === undefined ? (options.region ?? process.env.AWS_REGION) : undefined;
      const review = buildQuarterlyReview(quarter, events, now, region === undefined ? {} : { region });
      if (options.format === 'json') {
        process.stdout.write(`${JSON.stringify(review, null, 2)}\n`);
      } else {
        const markdown = renderReviewMarkdown(review);
        process.stdout.write(options.format === 'markdown' ? markdown : toText(markdown));
      }
    });
}
