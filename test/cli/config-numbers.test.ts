import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../support/cli-in-process';

/*
 * JSON reads a number too large for a double (`1e309`) as Infinity, which JSON writes back as null:
 * the problem said `got null` for a key whose value was plainly a number in the file.
 */

const dir = mkdtempSync(path.join(tmpdir(), 'preflight-config-numbers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a number too large to hold in the configuration', () => {
  it.each([
    ['1e309', 'Infinity'],
    ['-1e309', '-Infinity'],
  ])('%s is named as the number it became, not as null (exit 2)', async (written, shown) => {
    const file = path.join(dir, `${shown}.json`);
    writeFileSync(file, `{ "watch": { "minutes": ${written} } }`);

    const run = await runCliInProcess(['services', '--config', file]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `  - watch.minutes: got ${shown} (a number too large to hold); expected a whole number of minutes from 1 to 1440`,
    );
  });
});
