import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { PreflightConfigInput } from '../../lambdas/core/config/schema';
import { validateConfig } from '../../lambdas/core/config/validate';
import { PreflightStack } from '../../lib/preflight-stack';

export interface SynthOptions {
  /** Really bundle the functions with esbuild (slow); by default bundling is skipped. */
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

/** Synthesizes the Preflight stack from a configuration, as `cdk synth` would, every time it is called. */
export function synthPreflightFresh(
  config: PreflightConfigInput = {},
  options: SynthOptions = {},
): PreflightSynth {
  const app = new App({
    context: { ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }), ...options.context },
  });
  const stack = new PreflightStack(app, 'Preflight', {
    config: validateConfig(config, 'test configuration'),
  });
  return { app, stack, template: Template.fromStack(stack) };
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

/**
 * Synthesizes the Preflight stack from a configuration, as `cdk synth` would. A synthesis is the
 * slow part of most stack tests, and many tests of a file read the same configuration's stack, so
 * each configuration is synthesized once per test file (each file runs in a process of its own) and
 * shared: the template is frozen, so a test that tried to change it would throw instead of leaking
 * into the next. A test that adds to the app or the stack must use `synthPreflightFresh`.
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
  }
  return synth;
}
