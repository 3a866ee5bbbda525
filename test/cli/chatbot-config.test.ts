import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';

/* A mistyped `integrations.chatbot` stops the CLI, as it stops synthesis, naming every key. */

describe('preflight with a wrong integrations.chatbot', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'preflight-chatbot-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints every problem, one line each, and exits 2', async () => {
    const file = path.join(dir, 'preflight.config.json');
    writeFileSync(
      file,
      JSON.stringify({
        environments: { prod: { account: '123456789012', region: 'us-east-1' } },
        services: { orders: { environments: ['prod'], resources: { tags: { service: 'orders' } } } },
        integrations: {
          chatbot: {
            slack: [{ workspaceId: 'acme', channelId: '#releases' }],
            teams: [
              {
                teamId: '0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d',
                tenantId: 'f0e1d2c3-b4a5-4968-8776-655443322110',
                channelId: '19:0123@thread.tacv2',
              },
            ],
            services: ['order'],
          },
        },
      }),
    );

    const run = await runCli(['services', '--config', file]);

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')).toEqual([
      `Invalid Preflight configuration in ${file}:`,
      '  - integrations.chatbot.slack.[0].workspaceId: got "acme"; expected a Slack workspace id: upper-case letters and digits such as T0123456789 (the Chatbot console shows it)',
      `  - integrations.chatbot.slack.[0].channelId: got "#releases"; expected a Slack channel id: letters and digits such as C0123456789 (the channel's details show it), not its name`,
      `  - integrations.chatbot.teams.[0].channelId: got "19:0123@thread.tacv2"; expected a Teams channel id URL-encoded as in the channel's link, such as 19%3aAbCd...%40thread.tacv2`,
      '',
    ]);
  });

  it('names a service the configuration does not have', async () => {
    const file = path.join(dir, 'unknown-service.json');
    writeFileSync(
      file,
      JSON.stringify({
        environments: { prod: { account: '123456789012', region: 'us-east-1' } },
        services: { orders: { environments: ['prod'], resources: { tags: { service: 'orders' } } } },
        integrations: {
          chatbot: { slack: [{ workspaceId: 'T0123456789', channelId: 'C0123456789' }], services: ['order'] },
        },
      }),
    );

    const run = await runCli(['services', '--config', file]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      '  - integrations.chatbot.services.[0]: got "order"; expected a service of the configuration: orders, account',
    );
  });
});
