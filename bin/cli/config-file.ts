import { existsSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/*
 * Where the CLI finds `preflight.config.json` without `--config`: the working directory, then each
 * parent, as git and eslint look for theirs. The search stops at the first directory that is the root
 * of a repository (it holds `.git`) or the home directory, whichever comes first, and is never made
 * above them: a file in a shared parent (`/tmp`, `/home`, a build agent's work root) is written by
 * someone else and would decide what blocks a gate. Outside any repository and outside the home
 * directory only the working directory counts.
 */

/** The file name looked up. */
export const CONFIG_FILE_NAME = 'preflight.config.json';

/** What the search may look at; the defaults are the process's own. */
export interface ConfigSearch {
  readonly cwd?: string;
  readonly home?: string;
}

function isRepositoryRoot(dir: string): boolean {
  // A worktree or submodule has a `.git` file rather than a directory: both mark the root.
  return existsSync(path.join(dir, '.git'));
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The directories searched, nearest first: from `cwd` up to and including the repository root or the
 * home directory, whichever comes first; only `cwd` when neither is above it.
 */
export function searchedDirectories(search: ConfigSearch = {}): string[] {
  const cwd = path.resolve(search.cwd ?? process.cwd());
  const home = path.resolve(search.home ?? os.homedir());
  const dirs: string[] = [];
  for (let dir = cwd; ; dir = path.dirname(dir)) {
    dirs.push(dir);
    if (isRepositoryRoot(dir) || dir === home) return dirs;
    const parent = path.dirname(dir);
    if (parent === dir) break;
  }
  // Neither a repository root nor the home directory is above cwd: nothing above it is trusted.
  return [cwd];
}

/** The nearest `preflight.config.json` within the search boundary, or `undefined`. */
export function findConfigFile(search: ConfigSearch = {}): string | undefined {
  for (const dir of searchedDirectories(search)) {
    const file = path.join(dir, CONFIG_FILE_NAME);
    if (isFile(file)) return file;
  }
  return undefined;
}

/** A path as a person reads it: relative to the working directory when inside it, else absolute. */
export function displayPath(file: string, cwd: string = process.cwd()): string {
  const relative = path.relative(cwd, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}
