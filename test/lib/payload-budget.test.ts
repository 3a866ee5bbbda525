import { describe, expect, it } from 'vitest';
import type { PreflightConfigInput } from '../../lambdas/core/config/schema';
import {
  LITERAL_BUDGET_BYTES,
  PayloadBudgetError,
  STEP_FUNCTIONS_PAYLOAD_BYTES,
  withinPayloadBudget,
} from '../../lib/payload-budget';
import { synthPreflightFresh } from '../harness/synth';

/*
 * What the stack writes into its state machines as literals travels in every run, where Step
 * Functions refuses more than 256 KiB: a configuration that would make one of them too large is
 * refused at synth, naming what grew and the limit, instead of failing every run mid-way.
 */

/** `count` custom checklist items, each with a long title and (optionally) a long note. */
function checklistOf(count: number, note = ''): PreflightConfigInput {
  return {
    checklist: {
      items: Array.from({ length: count }, (_, i) => ({
        id: `team.item-${i}`,
        section: 'pre-deployment',
        group: 'Team',
        title: `Item ${i}: ${'a careful title '.repeat(18)}`,
        verification: { kind: 'informational' as const },
        ...(note === '' ? {} : { note }),
      })),
    },
  };
}

describe('the payload budget of the literals the stack writes into its state machines', () => {
  it('is half of the 256 KiB Step Functions allows in a state or a task payload', () => {
    expect(STEP_FUNCTIONS_PAYLOAD_BYTES).toBe(262_144);
    expect(LITERAL_BUDGET_BYTES).toBe(131_072);
  });

  it('takes a literal up to the budget, to the byte, and refuses one byte more', () => {
    const exactly = { text: 'x'.repeat(LITERAL_BUDGET_BYTES - '{"text":""}'.length) };
    expect(withinPayloadBudget('A literal', exactly)).toBe(exactly);
    expect(() => withinPayloadBudget('A literal', { text: `${exactly.text}x` })).toThrow(PayloadBudgetError);
  });

  it('counts bytes, not characters: text outside ASCII weighs what its UTF-8 weighs', () => {
    // 43,690 characters, each 3 bytes of UTF-8: under the budget in characters, over it in bytes.
    const characters = Math.floor(LITERAL_BUDGET_BYTES / 3);
    const bytes = (characters * 3 + '{"text":""}'.length).toLocaleString('en-US');
    expect(() => withinPayloadBudget('A literal', { text: '€'.repeat(characters) })).toThrow(
      `A literal would be ${bytes} bytes of JSON in every run, most of it text: `,
    );
  });

  it("refuses at synth a checklist that makes the report tasks' settings too large, naming it and the limit", () => {
    expect(() => synthPreflightFresh(checklistOf(450))).toThrow(PayloadBudgetError);
    expect(() => synthPreflightFresh(checklistOf(450))).toThrow(
      /^The report tasks' settings \(the report's slice of the configuration\) would be [\d,]+ bytes of JSON in every run, most of it checklist\.items \(5\d\d entries\): [\d,]+ bytes\. Step Functions refuses a state's data or a task's payload over 262,144 bytes \(256 KiB\), and Preflight keeps what it writes into a state machine within half of that \(131,072 bytes\)/,
    );
  });

  it("refuses at synth a configuration that makes a run's $.config too large, though the report's slice fits", () => {
    // Notes stay out of the report's slice, and in the configuration a run carries.
    expect(() => synthPreflightFresh(checklistOf(150, 'n'.repeat(1000)))).toThrow(
      /^The audit's configuration \(a run's \$\.config\) would be [\d,]+ bytes of JSON in every run, most of it checklist\.items \(150 entries\)/,
    );
  });

  it('synthesizes a configuration whose literals fit, however many items it has below that', () => {
    expect(() => synthPreflightFresh(checklistOf(100))).not.toThrow();
  });
});
