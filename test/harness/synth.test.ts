import { execFileSync } from 'node:child_process';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { describe, expect, it } from 'vitest';
import { changedSharedSynths, synthPreflight } from './synth';

// Files of the shared test project share a process, and with it `synthPreflight`'s syntheses.
describe('a synthesis synthPreflight shares', () => {
  it('is the same for every test that asks for the same configuration, with its template frozen', () => {
    const first = synthPreflight({});
    expect(synthPreflight({})).toBe(first);
    expect(Object.isFrozen(first.template.toJSON())).toBe(true);
    expect(changedSharedSynths()).toEqual([]);
  });

  it('is named, and no longer shared, once a test has added to its app', () => {
    const shared = synthPreflight({});
    new Topic(shared.stack, 'AddedByATest');

    expect(changedSharedSynths()).toEqual([
      'the app of synthPreflight([{},{}]) (use synthPreflightFresh to add to an app)',
    ]);
    expect(changedSharedSynths()).toEqual([]);
    expect(synthPreflight({})).not.toBe(shared);
  });
});

// The benches (`npm run bench`, `bench:lambdas`) synthesize with this harness outside vitest.
describe('the synthesis harness', () => {
  it('loads outside a test run, as the benches use it', () => {
    const out = execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        "import('./test/harness/synth.ts').then((m) => console.log(typeof m.synthPreflight))",
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(out.trim()).toBe('function');
  });
});
