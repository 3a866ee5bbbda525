import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findConfigFile, searchedDirectories } from '../../bin/cli/config-file';
import { runCli } from '../support/cli';

/*
 * Without --config the CLI uses the nearest preflight.config.json, from the working directory up to
 * the repository root or the home directory, and never one above them; every report names the file.
 */

let root: string;

/** `root/<parts>`, created as a directory. */
function dir(...parts: string[]): string {
  const at = path.join(root, ...parts);
  mkdirSync(at, { recursive: true });
  return at;
}

/** A configuration that marks itself: a custom checklist item with the given id suffix. */
function writeConfig(at: string, marker: string): string {
  const file = path.join(at, 'preflight.config.json');
  writeFileSync(
    file,
    JSON.stringify({
      checklist: {
        items: [
          {
            id: `custom.${marker}`,
            section: 'pre-deployment',
            group: 'Custom',
            title: `from ${marker}`,
            verification: { kind: 'informational' },
          },
        ],
      },
    }),
  );
  return file;
}

beforeEach(() => {
  root = realpathSync(mkdtempSync(path.join(tmpdir(), 'preflight-discovery-')));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('where the configuration is searched', () => {
  it('walks up from a subdirectory to the repository root, nearest first', () => {
    const repo = dir('work', 'repo');
    dir('work', 'repo', '.git');
    const deep = dir('work', 'repo', 'services', 'orders');
    const home = dir('home');

    expect(searchedDirectories({ cwd: deep, home })).toEqual([deep, path.dirname(deep), repo]);
  });

  it('stops at the home directory outside any repository', () => {
    const home = dir('home', 'ana');
    const cwd = dir('home', 'ana', 'scratch', 'x');

    expect(searchedDirectories({ cwd, home })).toEqual([cwd, path.dirname(cwd), home]);
  });

  it('looks in the working directory alone when neither a repository root nor home is above it', () => {
    const cwd = dir('shared', 'build-42');
    writeConfig(dir('shared'), 'planted');

    expect(searchedDirectories({ cwd, home: dir('home') })).toEqual([cwd]);
    expect(findConfigFile({ cwd, home: dir('home') })).toBeUndefined();
  });

  it('never reads a file above the repository root, even inside home', () => {
    const home = dir('home');
    writeConfig(home, 'home');
    dir('home', 'repo', '.git');
    const cwd = dir('home', 'repo', 'src');

    expect(findConfigFile({ cwd, home })).toBeUndefined();
  });

  it('takes a worktree or submodule root (a .git file) as the repository root', () => {
    const repo = dir('repo');
    writeFileSync(path.join(repo, '.git'), 'gitdir: /elsewhere\n');
    const file = writeConfig(repo, 'worktree');

    expect(findConfigFile({ cwd: dir('repo', 'a', 'b'), home: dir('home') })).toBe(file);
  });
});

describe('preflight run from a subdirectory', () => {
  it('uses the repository root configuration and names it in the output', async () => {
    const repo = dir('repo');
    dir('repo', '.git');
    const file = writeConfig(repo, 'root');
    const cwd = dir('repo', 'services', 'orders');

    const run = await runCli(['checklist'], { cwd, env: { HOME: dir('home') } });

    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[1]).toBe(`Configuration: ${file}`);
    expect(run.stdout).toContain('custom.root');
  });

  it('prefers the nearest file, and --config over any', async () => {
    const repo = dir('repo');
    dir('repo', '.git');
    writeConfig(repo, 'root');
    const cwd = dir('repo', 'services');
    writeConfig(cwd, 'nearest');
    const explicit = writeConfig(dir('elsewhere'), 'explicit');

    const nearest = await runCli(['checklist'], { cwd, env: { HOME: dir('home') } });
    const flagged = await runCli(['checklist', '--config', explicit], { cwd, env: { HOME: dir('home') } });

    expect(nearest.stdout.split('\n')[1]).toBe('Configuration: preflight.config.json');
    expect(nearest.stdout).toContain('custom.nearest');
    expect(flagged.stdout.split('\n')[1]).toBe(`Configuration: ${explicit}`);
    expect(flagged.stdout).toContain('custom.explicit');
    expect(flagged.stdout).not.toContain('custom.nearest');
  });

  it('ignores a file above the repository root and says it used the built-in defaults', async () => {
    writeConfig(root, 'above');
    dir('repo', '.git');
    const cwd = dir('repo', 'src');

    const run = await runCli(['checklist', '--json'], { cwd, env: { HOME: root } });

    const checklist = JSON.parse(run.stdout) as { configuration: string; items: { id: string }[] };
    expect(checklist.configuration).toBe('built-in defaults');
    expect(checklist.items.map((i) => i.id)).not.toContain('custom.above');
  });
});

describe('every report names its configuration', () => {
  it.each([
    ['text', (out: string) => out.split('\n').find((l) => l.startsWith('Configuration:'))],
    ['markdown', (out: string) => out.split('\n').find((l) => l.startsWith('Configuration:'))],
    [
      'json',
      (out: string) => `Configuration: ${(JSON.parse(out) as { configuration: string }).configuration}`,
    ],
  ])('audit --format %s', async (format, configurationOf) => {
    const sample = await runCli([
      'audit',
      '--sample',
      '-q',
      '--service',
      'payments',
      '--env',
      'prod',
      '--format',
      format,
    ]);
    const file = path.join(root, 'sample.json');
    writeFileSync(file, JSON.stringify({ checks: { 'tls-endpoints': { enabled: false } } }));
    const own = await runCli(['audit', '--sample', '-q', '--config', file, '--format', format]);

    expect(configurationOf(sample.stdout)).toMatch(/^Configuration: the sample organization\.?$/);
    expect(configurationOf(own.stdout)).toMatch(
      new RegExp(`^Configuration: ${file.replace(/[.]/g, '\\.')}\\.?$`),
    );
  });
});
