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

/** Synthesizes the Preflight stack from a configuration, as `cdk synth` would. */
export function synthPreflight(config: PreflightConfigInput = {}, options: SynthOptions = {}) {
  const app = new App({
    context: { ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }), ...options.context },
  });
  const stack = new PreflightStack(app, 'Preflight', {
    config: validateConfig(config, 'test configuration'),
  });
  return { app, stack, template: Template.fromStack(stack) };
}
