import { existsSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { HISTORY_RETENTION_DAYS } from '../../lambdas/aws/history-store';
import { quarterRange } from '../../lambdas/core/history/events';
import { historyFileText } from '../../lambdas/core/history/file';
import { historyFilter, historyStore, historyTable, parseQuarter, withHistoryFilter } from './review';
import { UsageError } from './usage-error';

interface ExportOptions {
  quarter?: string;
  from?: Date;
  to?: Date;
  table?: string;
  region?: string;
  profile?: string;
  service?: string;
  env?: string;
  account?: string;
  output?: string;
}

const DAY_MS = 86_400_000;

/** commander parser for `--from` and `--to`: an ISO 8601 date or time. */
function parseTime(value: string): Date {
  const date = /^(\d{4})-(\d{2})-(\d{2})([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
  const time = date === null ? Number.NaN : Date.parse(value);
  // Date.parse rolls 2026-02-30 over to March: a day the month does not have is refused instead.
  const [year, month, day] = (date ?? []).slice(1, 4).map(Number) as [number, number, number];
  const realDay =
    date !== null && new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day && month <= 12;
  if (Number.isNaN(time) || !realDay) {
    throw new InvalidArgumentError(
      `got "${value}"; expected an ISO 8601 date or time such as 2026-10-01 or 2026-10-01T09:00:00Z.`,
    );
  }
  // Date.parse reads a time without a zone in the machine's own zone (a date alone in UTC): the same
  // command would export other events on a laptop than in CI.
  if (date?.[4] !== undefined && date[5] === undefined) {
    throw new InvalidArgumentError(
      `got "${value}"; a time needs its zone (Z or an offset such as +01:00): without one it would be read in this machine's time zone. A date alone (2026-10-01) is a UTC day.`,
    );
  }
  return new Date(time);
}

/** [from, to) the options name: a quarter, or `--from`/`--to`, else everything the table keeps. */
function exportRange(options: ExportOptions, now: Date): { from: Date; to: Date } {
  if (options.quarter !== undefined) {
    if (options.from !== undefined || options.to !== undefined) {
      throw new UsageError('--quarter names the whole range: leave out --from and --to, or --quarter.');
    }
    return quarterRange(options.quarter);
  }
  const to = options.to ?? now;
  const from = options.from ?? new Date(to.getTime() - HISTORY_RETENTION_DAYS * DAY_MS);
  if (from >= to) {
    throw new UsageError(`--from (${from.toISOString()}) must be before --to (${to.toISOString()}).`);
  }
  return { from, to };
}

/**
 * Checks `--output` before the table is read (a long export must not end on a name that cannot be
 * written): it must not exist yet, and its directory must.
 * @throws UsageError naming what is wrong.
 */
function checkOutput(file: string): void {
  if (existsSync(file)) {
    if (statSync(file).isDirectory()) {
      throw new UsageError(`--output ${file}: is a directory; expected a new file in an existing directory.`);
    }
    throw new UsageError(`${file} exists: name another --output, or remove it first.`);
  }
  const parent = path.dirname(path.resolve(file));
  if (!existsSync(parent) || !statSync(parent).isDirectory()) {
    throw new UsageError(
      `--output ${file}: its directory does not exist; expected a new file in an existing directory.`,
    );
  }
}

/**
 * The range, the table and the output of an export, each checked.
 * @throws UsageError naming the first that is wrong.
 */
function checkExportInput(options: ExportOptions): { from: Date; to: Date; table: string } {
  const range = exportRange(options, new Date());
  const table = historyTable(options, '');
  if (options.output !== undefined) checkOutput(options.output);
  return { ...range, table };
}

/** Writes `text` to a new file: an existing one is never overwritten (it may be the only copy). */
function writeNewFile(file: string, text: string): void {
  try {
    writeFileSync(file, text, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new UsageError(`${file} exists: name another --output, or remove it first.`);
    }
    throw error;
  }
}

/** `preflight history export`: the history table's events as the file `preflight review --events` reads. */
export function registerHistory(program: Command): void {
  const history = program.command('history').description('Read the recorded history');
  withHistoryFilter(
    history
      .command('export')
      .description('Write history events to a file (or stdout) that preflight review --events reads')
      .option('--quarter <quarter>', 'one quarter, e.g. 2026Q4', parseQuarter)
      .option(
        '--from <time>',
        'from this UTC date, or time with its zone, inclusive (default: as far back as the table keeps)',
        parseTime,
      )
      .option('--to <time>', 'to this UTC date, or time with its zone, exclusive (default: now)', parseTime)
      .option(
        '--table <name>',
        'the history table, stack output HistoryTableName (default: $PREFLIGHT_HISTORY_TABLE)',
      )
      .option('--region <region>', 'AWS region (default: from the environment or profile)')
      .option('--profile <name>', 'AWS named profile (default: AWS_PROFILE, else the default chain)')
      .option('--output <file>', 'write to this new file (default: stdout)'),
  )
    // The input is judged before AWS is set up: a missing table is the more useful first error.
    .hook('preAction', (command) => {
      checkExportInput(command.opts<ExportOptions>());
    })
    .action(async (options: ExportOptions) => {
      const { from, to, table } = checkExportInput(options);
      const events = await historyStore(table, options).query(historyFilter(options), from, to);
      const text = historyFileText(events);
      if (options.output === undefined) process.stdout.write(text);
      else writeNewFile(options.output, text);
      process.stderr.write(
        `exported ${events.length} event(s) from ${from.toISOString()} to ${to.toISOString()} (table ${table})${options.output === undefined ? '' : ` to ${options.output}`}.\n`,
      );
    });
}
