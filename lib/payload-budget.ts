/*
 * What Preflight writes into a state machine's definition as a literal (the configuration a run
 * carries in `$.config`, each step's slice of it) travels in every run: in a state's data and in the
 * payload of the tasks that read it. Step Functions refuses a state's data or a task's payload over
 * 256 KiB, and a run would fail there, mid-way, on every execution. The configuration is checked at
 * synth instead: a literal may take half of that limit, the other half being the run's own data (its
 * input, its results, the other literals beside it).
 */

/** Step Functions' limit on a state's data (input or output) and on a task's payload: 256 KiB of UTF-8. */
export const STEP_FUNCTIONS_PAYLOAD_BYTES = 256 * 1024;

/** The share of {@link STEP_FUNCTIONS_PAYLOAD_BYTES} a literal of a definition may take: half. */
export const LITERAL_BUDGET_BYTES = STEP_FUNCTIONS_PAYLOAD_BYTES / 2;

/** A literal of a definition larger than its budget: the configuration is refused at synth. */
export class PayloadBudgetError extends Error {
  override readonly name = 'PayloadBudgetError';
}

const jsonBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');

const bytesText = (bytes: number): string => `${bytes.toLocaleString('en-US')} bytes`;

/**
 * Where the weight is: from the root, the heaviest member at each level while it holds at least half
 * of its parent (`checklist.sections.0.items (450 entries): 190,000 bytes`), so the message names
 * what grew.
 */
function heaviestPath(value: unknown): string {
  const path: string[] = [];
  let at = value;
  let described = '';
  while (typeof at === 'object' && at !== null) {
    const members = Object.entries(at).map(([key, child]) => ({ key, child, bytes: jsonBytes(child) }));
    if (members.length === 0) break;
    const heaviest = members.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    if (path.length > 0 && heaviest.bytes * 2 < jsonBytes(at)) break;
    path.push(heaviest.key);
    at = heaviest.child;
    const count = Array.isArray(at) ? ` (${at.length} entries)` : '';
    described = `${path.join('.')}${count}: ${bytesText(heaviest.bytes)}`;
  }
  return described;
}

/**
 * `value`, when its JSON fits {@link LITERAL_BUDGET_BYTES}; otherwise a {@link PayloadBudgetError}
 * naming `what`, its size, the limit and the heaviest part of it.
 */
export function withinPayloadBudget<T>(what: string, value: T): T {
  const bytes = jsonBytes(value);
  if (bytes <= LITERAL_BUDGET_BYTES) return value;
  throw new PayloadBudgetError(
    `${what} would be ${bytesText(bytes)} of JSON in every run, most of it ${heaviestPath(value)}. ` +
      `Step Functions refuses a state's data or a task's payload over ${bytesText(STEP_FUNCTIONS_PAYLOAD_BYTES)} (256 KiB), ` +
      `and Preflight keeps what it writes into a state machine within half of that (${bytesText(LITERAL_BUDGET_BYTES)}), ` +
      'so that a run never fails there: make that part of the configuration smaller.',
  );
}
