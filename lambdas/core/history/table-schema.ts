/*
 * The history table's keys, shared by the construct that creates the table (`lib/history-table.ts`)
 * and the adapter that reads and writes it (`lambdas/aws/history-store.ts`), so the two cannot drift.
 *
 * Every item: `pk` = `DEP#<service>#<environment>` (one deployment stream), `sk` =
 * `<at>#<kind>#<id>` (time order), and the attributes the indexes are keyed on. Every index sorts by
 * `sk`, so each query is one partition read in time order, a time range being a condition on `sk`.
 */

/** The table's own keys. */
export const HISTORY_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;

/**
 * The global secondary indexes (name → partition key attribute), in the order they were added:
 * - `byQuarter`: everything in one quarter (`2026Q4`), for the quarterly review;
 * - `byService`: one service in every environment;
 * - `byEnvironment`: one environment, every service;
 * - `byAccount`: one account (`home` for events that name none: the account Preflight runs in).
 */
export const HISTORY_INDEXES = {
  byQuarter: 'quarter',
  byService: 'service',
  byEnvironment: 'environment',
  byAccount: 'account',
} as const;

export type HistoryIndexName = keyof typeof HISTORY_INDEXES;
