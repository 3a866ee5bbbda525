import { DEFAULT_TRIGGERS, WATCH_DEFAULTS } from '../watch/defaults';
import { ExpressionError, METRIC_ID, metricIdsOf } from '../watch/expression';
import { MAX_BASELINE_SAMPLES } from '../watch/model';
import * as z from '../zod';
import { boundedNumber, MAX_PERIODS, wholeNumber } from './bounds';
import { eachOnce } from './listed-once';
import { EVERYONE, PrincipalPatternOrEveryoneSchema } from './principal-pattern';

/*
 * Settings of the deployment watch (`watch` in the configuration). Every key has a default, so `{}`
 * is valid. `triggers` tunes the four default triggers by id (any key may be overridden, `enabled:
 * false` disables one, `shadow: true` reports without acting) and adds new ones, which must then give
 * `expression` and `threshold`. See docs/watch.md.
 */

const periods = () => wholeNumber('periods', 1, MAX_PERIODS);
/** A Mann-Whitney sample larger than the baseline it is compared with tests little more. */
const MAX_JUDGE_SAMPLES = MAX_BASELINE_SAMPLES;
const TRIGGER_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DEFAULT_IDS = new Set(DEFAULT_TRIGGERS.map((t) => t.id));

const METRIC_ID_HINT =
  'expected a metric id: a lower-case letter, then letters, digits or _ (e.g. errors_5xx)';
const TRIGGER_ID_HINT = 'expected a trigger id: lower-case words joined by - (e.g. error-rate)';
const MetricIdSchema = z.string().check(z.regex(METRIC_ID, METRIC_ID_HINT));

/** Names the rule a record key broke (zod's own message only says the key is invalid). */
function keyError(hint: string) {
  return (issue: { code?: string }) => (issue.code === 'invalid_key' ? hint : undefined);
}

/** A CloudWatch statistic as GetMetricData takes it: Sum, Average, Maximum, Minimum, SampleCount, p99, ... */
const Statistic = z
  .string()
  .check(
    z.regex(
      /^(Sum|Average|Maximum|Minimum|SampleCount|IQM|(p|tm|wm|tc|ts|pr)\d+(\.\d+)?)$/,
      'expected a CloudWatch statistic such as Sum, Average, Maximum, Minimum, SampleCount or p99',
    ),
  );

const MetricDefinition = z.union(
  [
    z.strictObject({
      namespace: z.string().check(z.minLength(1)),
      metricName: z.string().check(z.minLength(1)),
      dimensions: z._default(
        z.record(z.string().check(z.minLength(1)), z.string().check(z.minLength(1))),
        {},
      ),
      stat: Statistic,
    }),
    z.strictObject({
      /** A CloudWatch metric-math expression over other metric ids, computed by CloudWatch. */
      expression: z.string().check(z.minLength(1)),
    }),
  ],
  { error: 'expected { namespace, metricName, dimensions, stat } or { expression }' },
);

const Expression = z.string().check(
  z.superRefine((value, ctx) => {
    try {
      metricIdsOf(value);
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      ctx.addIssue({
        code: 'custom',
        input: value,
        message: `expected arithmetic over metric ids such as "errors / requests" (${error.message})`,
      });
    }
  }),
);

const Window = z.union(
  [
    z.strictObject({ consecutive: periods() }),
    z.strictObject({ breaching: periods(), of: periods() }).check(
      z.superRefine((w, ctx) => {
        if (w.breaching > w.of) {
          ctx.addIssue({
            code: 'custom',
            path: ['breaching'],
            input: w.breaching,
            message: `expected at most of (${w.of})`,
          });
        }
      }),
    ),
  ],
  { error: 'expected { consecutive: N } or { breaching: M, of: N }' },
);

const Threshold = z.union(
  [
    // In the metric's own unit (a ratio, seconds, a count): no one range fits every metric. zod refuses
    // what is not finite, such as 1e400, which JSON reads as Infinity.
    z.number(),
    z.strictObject({
      /** Below 0.01 or above 100 x its own baseline a trigger fires always or never. */
      baselineMultiplier: boundedNumber('a multiplier', 0.01, 100),
      statistic: z._default(z.enum(['median', 'p95']), 'median'),
    }),
  ],
  { error: 'expected a number (static threshold) or { baselineMultiplier: k } (k x baseline)' },
);

/** Reject a judge whose test could never be met, or always would be: the range is in the message. */
const JUDGE_SHADOW = z._default(z.boolean(), false);

/**
 * The statistical judge that must agree before a breach counts, or `"threshold"` (the threshold
 * rule alone, the default). Defaults are what the bench supports (docs/watch.md).
 */
const JUDGE_EXPECTED =
  'expected "threshold", { rule: "mann-whitney", confidence?, minEffect?, samples?, shadow? } or { rule: "robust-deviation", k?, shadow? }';

// "threshold" is read as { rule: "threshold" }, so every judge is one discriminated union and a
// mistake inside one (samples 9.5) is reported at its own key, not as "none of these".
const Judge = z.pipe(
  z.transform((value) => (value === 'threshold' ? { rule: 'threshold' } : value)),
  z.discriminatedUnion(
    'rule',
    [
      z.strictObject({ rule: z.literal('threshold') }),
      z.strictObject({
        rule: z.literal('mann-whitney'),
        /** 1 - the p-value the test must reach. Below 0.5 it is not a test; above 0.999999 it never agrees. */
        confidence: z._default(boundedNumber('a confidence', 0.5, 0.999999), 0.9999),
        /** Ratio of the medians (watched / reference, in the breaching direction) the change must reach. */
        minEffect: z._default(boundedNumber('a ratio', 1, 100), 1.5),
        /** The last judged periods tested against the reference. */
        samples: z._default(wholeNumber('periods', 3, MAX_JUDGE_SAMPLES), 9),
        shadow: JUDGE_SHADOW,
      }),
      z.strictObject({
        rule: z.literal('robust-deviation'),
        /** Scaled median absolute deviations beyond the reference median. */
        k: z._default(boundedNumber('a number of deviations', 0.5, 100), 5),
        shadow: JUDGE_SHADOW,
      }),
    ],
    { error: JUDGE_EXPECTED },
  ),
);

const Eligibility = z.strictObject({
  metric: MetricIdSchema,
  min: boundedNumber('a minimum', 0, 1_000_000_000),
});

/** The old version's side of a canary-against-baseline trigger. */
const Versus = z.strictObject({
  /** The old version's value per period, over its own metric ids. */
  expression: Expression,
  eligibility: z._default(z.nullable(Eligibility), null),
  fillZero: z._default(z.array(MetricIdSchema).check(eachOnce('metric id')), []),
});

/** One trigger: overrides for a default trigger, or a whole new one. */
const TriggerSettings = z.strictObject({
  enabled: z.optional(z.boolean()),
  description: z.optional(z.string()),
  expression: z.optional(Expression),
  comparison: z.optional(z.enum(['>', '>=', '<', '<='])),
  threshold: z.optional(Threshold),
  /** Absolute limit in the breaching direction (`null` removes a default's). */
  floor: z.optional(z.nullable(z.number())),
  window: z.optional(Window),
  /** `null` removes a default's minimum. */
  eligibility: z.optional(z.nullable(Eligibility)),
  missingData: z.optional(z.enum(['inconclusive', 'breaching', 'notBreaching'])),
  fillZero: z.optional(z.array(MetricIdSchema).check(eachOnce('metric id'))),
  critical: z.optional(z.boolean()),
  shadow: z.optional(z.boolean()),
  worseningFactor: z.optional(boundedNumber('a factor', 1, 100)),
  judge: z.optional(Judge),
  /** Compare with the old version over the same periods instead of the baseline before the deployment. */
  versus: z.optional(z.nullable(Versus)),
});

/** CodeDeploy names as they appear in an ARN: no wildcard, no slash (it separates application and group). */
const CodeDeployName = z
  .string()
  .check(
    z.regex(/^[A-Za-z0-9_.+=,@-]{1,100}$/, 'expected 1-100 letters, digits or _ . + = , @ - (no wildcards)'),
  );

/** A deployment group the codedeploy action may stop deployments of. */
export const DeploymentGroup = z.strictObject({
  applicationName: CodeDeployName,
  deploymentGroupName: CodeDeployName,
});

/** An IAM role ARN with no wildcard: what `AutomationAssumeRole` may name (PassRole is granted on it). */
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[A-Za-z0-9+=,.@_/-]{1,512}$/;
/** The release's values an SSM parameter may take, each validated before it is filled in. */
const PLACEHOLDERS = ['deploymentId', 'service', 'environment'] as const;

/** An SSM document, by name or ARN. */
export const SsmDocumentName = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_.:/-]{3,128}$/, 'expected an SSM document name or ARN'));

const SsmAutomation = z
  .strictObject({
    action: z.literal('ssm-automation'),
    documentName: SsmDocumentName,
    parameters: z._default(z.record(z.string().check(z.minLength(1)), z.array(z.string())), {}),
  })
  .check(
    z.superRefine((ssm, ctx) => {
      for (const [name, values] of Object.entries(ssm.parameters)) {
        values.forEach((value, index) => {
          const path = ['parameters', name, index];
          if (name === 'AutomationAssumeRole' && !ROLE_ARN.test(value)) {
            ctx.addIssue({
              code: 'custom',
              path,
              input: value,
              message:
                'expected a concrete IAM role ARN such as arn:aws:iam::111122223333:role/orders-rollback (no wildcards or placeholders: the act function may pass exactly this role to SSM)',
            });
          }
          for (const [, placeholder] of value.matchAll(/\{([^}]*)\}/g)) {
            if (!(PLACEHOLDERS as readonly string[]).includes(placeholder ?? '')) {
              ctx.addIssue({
                code: 'custom',
                path,
                input: value,
                message: `unknown placeholder {${placeholder}}; expected ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`,
              });
            }
          }
        });
      }
    }),
  );

/**
 * What a ROLLBACK does, named in the configuration alone: the deployment groups CodeDeploy deployments
 * may be stopped in, the function to invoke, or the document (and its parameters) to start.
 */
const RollbackAction = z.discriminatedUnion(
  'action',
  [
    z.strictObject({ action: z.literal('none') }),
    z.strictObject({
      action: z.literal('codedeploy'),
      deploymentGroups: z
        .array(DeploymentGroup)
        .check(
          z.minLength(
            1,
            'expected at least one { applicationName, deploymentGroupName }: only their deployments are stopped',
          ),
          eachOnce('deployment group'),
        ),
    }),
    z.strictObject({
      action: z.literal('lambda'),
      functionArn: z.string().check(
        z.regex(/^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$/, {
          message: 'expected a Lambda function ARN',
        }),
      ),
    }),
    SsmAutomation,
  ],
  {
    error:
      'expected action "none", "codedeploy" (with deploymentGroups), "lambda" (with functionArn) or "ssm-automation" (with documentName)',
  },
);

export const WatchSettingsSchema = z
  .strictObject({
    /** How long the watch judges the release after the deployment. */
    minutes: z._default(wholeNumber('minutes', 1, 24 * 60), WATCH_DEFAULTS.minutes),
    /** One period: the resolution of every trigger and the loop's step. */
    periodSeconds: z._default(
      wholeNumber('seconds', 10, 3600).check(
        z.refine((v) => v === 10 || v === 30 || (v >= 60 && v % 60 === 0), {
          message: 'expected 10, 30 or a multiple of 60 (the periods CloudWatch supports)',
        }),
      ),
      WATCH_DEFAULTS.periodSeconds,
    ),
    /** Periods are judged only once they ended this long ago (CloudWatch ingestion delay). */
    ingestionLagSeconds: z._default(wholeNumber('seconds', 0, 3600), WATCH_DEFAULTS.ingestionLagSeconds),
    baseline: z.prefault(
      z.strictObject({
        minutes: z._default(wholeNumber('minutes', 1, 24 * 60), WATCH_DEFAULTS.baselineMinutes),
        /** Share of baseline periods with data needed for a usable baseline. */
        minCoverage: z._default(boundedNumber('a share', 0.01, 1), WATCH_DEFAULTS.baselineMinCoverage),
      }),
      {},
    ),
    /** Without data this long, the watch escalates and can no longer PROCEED. */
    maxNoDataMinutes: z._default(wholeNumber('minutes', 1, 24 * 60), WATCH_DEFAULTS.maxNoDataMinutes),
    metrics: z._default(z.record(MetricIdSchema, MetricDefinition, { error: keyError(METRIC_ID_HINT) }), {}),
    triggers: z._default(
      z.record(z.string().check(z.regex(TRIGGER_ID)), TriggerSettings, { error: keyError(TRIGGER_ID_HINT) }),
      {},
    ),
    rollback: z._default(RollbackAction, { action: 'none' }),
    /**
     * IAM principal patterns that may abort a watched deployment through the control endpoint.
     * @default everyone IAM lets invoke the control URL: an abort only ever rolls back
     */
    abortBy: z._default(
      z
        .array(PrincipalPatternOrEveryoneSchema)
        .check(z.minLength(1, 'expected at least one pattern: with none, nobody could stop a bad release')),
      [EVERYONE],
    ),
  })
  .check(
    z.superRefine((watch, ctx) => {
      if ((watch.minutes * 60) % watch.periodSeconds !== 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['minutes'],
          input: watch.minutes,
          message: `expected a whole number of periods of ${watch.periodSeconds} s`,
        });
      }
      for (const [id, settings] of Object.entries(watch.triggers)) {
        const path = ['triggers', id];
        if (!DEFAULT_IDS.has(id)) {
          for (const key of ['expression', 'threshold'] as const) {
            if (settings[key] === undefined) {
              ctx.addIssue({
                code: 'custom',
                path: [...path, key],
                input: undefined,
                message: `expected ${key} for the new trigger "${id}" (defaults exist only for ${[...DEFAULT_IDS].join(', ')})`,
              });
            }
          }
        }
        const expression = settings.expression ?? DEFAULT_TRIGGERS.find((t) => t.id === id)?.expression;
        let used: string[] = [];
        try {
          used = expression === undefined ? [] : metricIdsOf(expression);
        } catch {
          continue; // already reported on the expression itself
        }
        (settings.fillZero ?? []).forEach((metric, index) => {
          if (!used.includes(metric)) {
            ctx.addIssue({
              code: 'custom',
              path: [...path, 'fillZero', index],
              input: metric,
              message: `expected a metric id the expression uses (${used.join(', ')})`,
            });
          }
        });
        const minimumOf = settings.eligibility?.metric;
        if (minimumOf !== undefined && settings.fillZero?.includes(minimumOf)) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'eligibility', 'metric'],
            input: minimumOf,
            message: 'expected a metric that is not zero-filled: a missing request count is never healthy',
          });
        }
        checkJudge(id, settings, watch, ctx);
        checkVersus(id, settings, ctx);
      }
      // Whether every metric the triggers use is mapped is a rule across sections (a service maps what
      // the defaults leave out): it runs on the merged settings, after parsing (core/services/resolve.ts).
    }),
  );

type Issues = z.core.$RefinementCtx;

/** C(n, k) as a float: the number of ways the test's smallest p-value is one in. */
function binomial(n: number, k: number): number {
  const m = Math.min(k, n - k);
  let result = 1;
  for (let i = 1; i <= m; i += 1) result = (result * (n - m + i)) / i;
  return result;
}

/**
 * A Mann-Whitney judge must be able to agree: its sample within the watch (more periods than the
 * watch has would never come), and a confidence its samples can reach (n watched against r reference
 * values cannot show a p-value below 1 / C(n + r, n)). Either mistake would silence the trigger.
 */
function checkJudge(
  id: string,
  settings: z.output<typeof TriggerSettings>,
  watch: { minutes: number; periodSeconds: number; baseline: { minutes: number } },
  ctx: Issues,
) {
  const judge = settings.judge;
  if (judge === undefined || judge.rule !== 'mann-whitney') return;
  // Out of range: already reported by its bound.
  if (!(judge.confidence <= 0.999999 && Number.isInteger(judge.samples))) return;
  const path = ['triggers', id, 'judge'];
  const versus = settings.versus !== undefined && settings.versus !== null;
  const reference = versus ? judge.samples : Math.floor((watch.baseline.minutes * 60) / watch.periodSeconds);
  const best = 1 / binomial(reference + judge.samples, judge.samples);
  if (best > 1 - judge.confidence) {
    ctx.addIssue({
      code: 'custom',
      path: [...path, 'confidence'],
      input: judge.confidence,
      message: `expected a confidence the test can reach: ${judge.samples} watched against ${reference} ${versus ? "of the old version's" : 'baseline'} values show at best p = ${Number(best.toPrecision(3))}, so at most ${Number((1 - best).toPrecision(6))} (or raise samples${versus ? '' : ' or baseline.minutes'})`,
    });
  }
  const periodsInWatch = Math.floor((watch.minutes * 60) / watch.periodSeconds);
  if (judge.samples > periodsInWatch) {
    ctx.addIssue({
      code: 'custom',
      path: [...path, 'samples'],
      input: judge.samples,
      message: `expected at most the watch's ${periodsInWatch} periods (${watch.minutes} minutes of ${watch.periodSeconds} s): the test needs that many judged periods`,
    });
  }
}

/** Against the old version, the threshold is a multiple of its value; its zero-filled ids are its own. */
function checkVersus(id: string, settings: z.output<typeof TriggerSettings>, ctx: Issues) {
  const versus = settings.versus;
  if (versus === undefined || versus === null) return;
  const path = ['triggers', id, 'versus'];
  const threshold = settings.threshold ?? DEFAULT_TRIGGERS.find((t) => t.id === id)?.threshold;
  const relative =
    threshold !== undefined &&
    typeof threshold === 'object' &&
    ('baselineMultiplier' in threshold || ('kind' in threshold && threshold.kind === 'baseline'));
  if (!relative) {
    ctx.addIssue({
      code: 'custom',
      path: ['triggers', id, 'threshold'],
      input: settings.threshold,
      message:
        'expected { baselineMultiplier: k } with versus: the new version breaches above k x the old version over the same period',
    });
  }
  let used: string[] = [];
  try {
    used = metricIdsOf(versus.expression);
  } catch {
    return; // reported on the expression itself
  }
  versus.fillZero.forEach((metric, index) => {
    if (!used.includes(metric)) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, 'fillZero', index],
        input: metric,
        message: `expected a metric id the old version's expression uses (${used.join(', ')})`,
      });
    }
  });
  const minimumOf = versus.eligibility?.metric;
  if (minimumOf !== undefined && versus.fillZero.includes(minimumOf)) {
    ctx.addIssue({
      code: 'custom',
      path: [...path, 'eligibility', 'metric'],
      input: minimumOf,
      message: 'expected a metric that is not zero-filled: a missing request count is never healthy',
    });
  }
}

/** The validated `watch` section, every default filled in. */
export type WatchSettings = z.output<typeof WatchSettingsSchema>;
export type TriggerSettingsInput = z.output<typeof TriggerSettings>;
export type MetricDefinitionSettings = z.output<typeof MetricDefinition>;
