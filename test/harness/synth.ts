import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { PreflightConfigInput } from '../../lambdas/core/config/schema';
import { validateConfig } from '../../lambdas/core/config/validate';
import { BUNDLE_CACHE_VARIABLE } from '../../lib/bundling/local-bundling';
import { PreflightStack } from '../../lib/preflight-stack';
import { registerSharedStateCheck } from '../support/shared-state-checks';

export interface SynthOptions {
  /**
   * Really bundle the functions with esbuild (slow; reused from the run's bundles when unchanged,
   * see {@link runBundles}); by default bundling is skipped.
   */
  readonly bundle?: boolean;
  /** CDK context, as `cdk synth -c key=value` gives it. */
  readonly context?: Readonly<Record<string, unknown>>;
}

/** A synthesized Preflight stack: the app, the stack and its template. */
export interface PreflightSynth {
  readonly app: App;
  readonly stack: PreflightStack;
  readonly template: Template;
}

/**
 * The directory of this run's bundles (`lib/bundling/bundle-cache.ts`), in the run's own temporary
 * directory (test/global-setup.ts): every bundled synthesis of the run reuses an unchanged function's
 * bundle from it, and keeps there what it bundles. Its entries sit where a bundled synthesis's app
 * bundles (`<tmp>/cdk.out…/bundling-temp-…`), so their source maps' paths are the same.
 */
export const runBundles = () => path.join(realpathSync(tmpdir()), 'preflight-bundles');

/** Synthesizes the Preflight stack from a configuration, as `cdk synth` would, every time it is called. */
export function synthPreflightFresh(
  config: PreflightConfigInput = {},
  options: SynthOptions = {},
): PreflightSynth {
  const app = new App({
    context: { ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }), ...options.context },
    ...(options.bundle ? { outdir: mkdtempSync(path.join(realpathSync(tmpdir()), 'cdk.out')) } : {}),
  });
  const before = process.env[BUNDLE_CACHE_VARIABLE];
  if (options.bundle) process.env[BUNDLE_CACHE_VARIABLE] = runBundles();
  try {
    const stack = new PreflightStack(app, 'Preflight', {
      config: validateConfig(config, 'test configuration'),
    });
    return { app, stack, template: Template.fromStack(stack) };
  } finally {
    if (before === undefined) delete process.env[BUNDLE_CACHE_VARIABLE];
    else process.env[BUNDLE_CACHE_VARIABLE] = before;
  }
}

/** Freezes a JSON value and everything in it, so a test that tries to change it throws. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** `undefined` kept apart from a missing key, so `{ a: undefined }` and `{}` are two configurations. */
const keyOf = (config: PreflightConfigInput, options: SynthOptions) =>
  JSON.stringify([config, options], (_key, value: unknown) =>
    value === undefined ? '\u0000undefined' : value,
  );

const synths = new Map<string, PreflightSynth>();

/** How many constructs each shared synthesis's app held when it was made. */
const constructCounts = new Map<string, number>();

const constructCount = (synth: PreflightSynth) => synth.app.node.findAll().length;

/**
 * The shared syntheses a test added to (or took from) since they were made, forgotten so the next
 * file synthesizes its own. The test projects whose files share a process run this after each file.
 */
export function changedSharedSynths(): string[] {
  const changed: string[] = [];
  for (const [key, synth] of synths) {
    if (constructCount(synth) === constructCounts.get(key)) continue;
    changed.push(`the app of synthPreflight(${key}) (use synthPreflightFresh to add to an app)`);
    synths.delete(key);
    constructCounts.delete(key);
  }
  return changed;
}
registerSharedStateCheck(changedSharedSynths);

/**
 * Synthesizes the Preflight stack from a configuration, as `cdk synth` would. A synthesis is the
 * slow part of most stack tests, and many tests read the same configuration's stack, so each
 * configuration is synthesized once per process (a file of its own in the isolated project, every
 * file of a worker in the shared one) and shared: the template is frozen, so a test that tried to
 * change it would throw instead of leaking into the next, and a file that adds constructs to the
 * shared app or stack fails (`changedSharedSynths`). Such a test must use `synthPreflightFresh`.
 */
export function synthPreflight(
  config: PreflightConfigInput = {},
  options: SynthOptions = {},
): PreflightSynth {
  const key = keyOf(config, options);
  let synth = synths.get(key);
  if (synth === undefined) {
    synth = synthPreflightFresh(config, options);
    deepFreeze(synth.template.toJSON());
    synths.set(key, synth);
    constructCounts.set(key, constructCount(synth));
  }
  return synth;
}
