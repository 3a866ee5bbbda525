import * as z from 'zod/mini';

/*
 * The names a caller gives a run: one rule each, shared by the gate, the watch, the follow-ups, the
 * control endpoint and the CLI, so what one accepts the others accept too. They end up in object keys,
 * execution names, SSM parameters and messages, so none may carry a path, a space or markup.
 * zod/mini: the watch's act function checks names with them and carries no other validator; the
 * configuration and input schemas (zod/mini with English messages, `./zod`) embed them as they are
 * (`z.optional(X)`). The messages are written here, so they read the same with or without a locale.
 */

/** A deployment id: a CodeDeploy id (d-4EXAMPLE1), a pipeline run id, a release tag such as v1.2.3. */
export const DeploymentIdSchema = z.string().check(
  z.regex(
    /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/,
    'expected 1-128 letters, digits, _ . : or -, starting with a letter or digit (e.g. d-4EXAMPLE1)',
  ),
  z.refine((id) => !id.includes('..'), 'expected no ".." in a deployment id'),
);

/** A service name as the configuration and reports spell it, e.g. orders-api. */
export const ServiceNameSchema = z
  .string()
  .check(
    z.regex(
      /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/,
      'expected 1-64 letters, digits, _ . or -, starting with a letter or digit (e.g. orders-api)',
    ),
  );

/** An environment name, e.g. prod. */
export const EnvironmentNameSchema = z
  .string()
  .check(z.regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'expected 1-64 letters, digits, - or _ (e.g. prod)'));
