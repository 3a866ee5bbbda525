import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SAMPLE_CONFIG } from '../../lambdas/sample/organization';
import { runCliInProcess } from '../support/cli-in-process';

/*
 * A region written twice in an environment (a copy-paste, a merge of two lists) was audited twice:
 * every finding there counted twice, the report's counts nearly doubled. The organization's and
 * home's regions were already refused that way; an environment's are too.
 */

const dir = mkdtempSync(path.join(tmpdir(), 'preflight-env-regions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('an environment listing a region twice', () => {
  it('is refused, naming the key, before anything is audited (exit 2)', async () => {
    const config = structuredClone(SAMPLE_CONFIG) as { environments: Record<string, { regions?: string[] }> };
    const prod = config.environments.prod as { regions: string[] };
    prod.regions = [...prod.regions, 'eu-west-1'];
    const file = path.join(dir, 'preflight.config.json');
    writeFileSync(file, JSON.stringify(config));

    const run = await runCliInProcess([
      'audit',
      '--sample',
      '--service',
      'payments',
      '--env',
      'prod',
      '--config',
      file,
    ]);

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      '  - environments.prod.regions: got ["eu-west-1","us-east-1","eu-west-1"]; expected each region once',
    );
  });
});

describe('a service listing an environment twice', () => {
  it('is refused, naming the key, rather than shown (and reached) twice (exit 2)', async () => {
    const file = path.join(dir, 'service-environments.json');
    writeFileSync(
      file,
      JSON.stringify({
        environments: {
          prod: { account: '111122223333', regions: ['eu-west-1'], access: { roleName: 'audit' } },
        },
        services: { orders: { environments: ['prod', 'prod'], resources: { tags: { app: 'orders' } } } },
      }),
    );

    const run = await runCliInProcess(['services', '--config', file]);

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      '  - services.orders.environments: got ["prod","prod"]; expected each environment once',
    );
  });
});
