import { hostProblem, unbracketedIpv6 } from '../checks/tls/endpoint-address';
import { probeBudgetProblem } from '../checks/tls/probe-budget';
import { EVERY_DETAIL_TYPE } from '../events/model';
import { ianaSpelling, isTimeZone } from '../time-zone';
import * as z from '../zod';
import { boundedInteger, boundedNumber, days, hours, MAX_TIMEOUT_MS, rsaBits, wholeNumber } from './bounds';
import { ChatbotSchema } from './chatbot-schema';
import { EnvironmentsSchema } from './environments-schema';
import { GateSettingsSchema } from './gate-schema';
import { HomeSchema } from './home-schema';
import { ImageScansSettings, ImagesPushedSettings } from './images-schema';
import { eachOnce } from './listed-once';
import { MutesSchema } from './mutes-schema';
import { NotificationsSchema } from './notifications-schema';
import { OrganizationSchema } from './organization-schema';
import { recurringScheduleProblem } from './schedule-expression';
import { ServicesSchema } from './services-schema';
import { httpsUrlSchema } from './url-schema';
import { DeploymentGroup, SsmDocumentName, WatchSettingsSchema } from './watch-schema';

/*
 * The one configuration Preflight reads, in the CDK app and in the CLI alike.
 * Every key has a default, so `{}` is a valid configuration; a bad value is rejected with
 * the key, the value and what was expected (see `validate.ts`).
 */

const ITEM_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*\.[a-z0-9]+(?:-[a-z0-9]+)*$/;

const TimeZone = z.string().check(
  z.refine(isTimeZone, 'expected an IANA time zone such as UTC or Europe/Paris'),
  z.superRefine((zone, ctx) => {
    const spelt = ianaSpelling(zone);
    if (spelt === undefined) return;
    ctx.addIssue({ code: 'custom', input: zone, message: `expected the zone as IANA spells it: "${spelt}"` });
  }),
);

const SCHEDULE_SHAPE =
  /^(rate\(\d+ (minute|minutes|hour|hours|day|days)\)|cron\((\S+ ){5}\S+\)|at\(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\))$/;

/** A recurring `rate(...)` or `cron(...)` as EventBridge Scheduler accepts it. */
const ScheduleExpression = z.string().check(
  z.regex(SCHEDULE_SHAPE, 'expected an EventBridge Scheduler expression: rate(1 day) or cron(0 6 * * ? *)'),
  z.superRefine((expression, ctx) => {
    const problem = SCHEDULE_SHAPE.test(expression) ? recurringScheduleProblem(expression) : undefined;
    if (problem !== undefined) ctx.addIssue({ code: 'custom', input: expression, message: problem });
  }),
);

const enabled = z._default(z.boolean(), true);

const DatabaseBackupsSettings = z.strictObject({
  enabled,
  /** Minimum RDS/Aurora automated backup retention and DynamoDB PITR recovery period, in days. */
  minRetentionDays: z._default(days(), 7),
  /** Recovery point objective: the newest restorable point must be younger than this. */
  rpoHours: z._default(hours(), 24),
  /** A restore test or restore job must have succeeded within this many days. */
  restoreProofDays: z._default(days(), 30),
  /** Status given to a database with no restore proof at all. */
  missingRestoreProof: z._default(z.enum(['WARN', 'FAIL']), 'WARN'),
  /** Failed, aborted or expired backup jobs younger than this fail the check. */
  jobLookbackHours: z._default(hours(), 24),
});

const AcmCertificatesSettings = z.strictObject({
  enabled,
  /** A certificate expiring within this many days warns. */
  warnDays: z._default(days(), 30),
  /** A certificate expiring within this many days (or expired) fails. */
  failDays: z._default(days(0), 7),
  /** RSA keys shorter than this fail. */
  minRsaBits: z._default(rsaBits(), 2048),
});

/**
 * A DNS name or an IP address, as a TLS client connects to it: no URL, port, path or wildcard. An
 * IPv6 address may be written in brackets, as in a URL (`[2001:db8::1]`): it is read without them.
 */
const TlsHost = z
  .pipe(
    z.string(),
    z.transform((host) => unbracketedIpv6(host)),
  )
  .check(
    z.superRefine((host, ctx) => {
      const problem = hostProblem(host);
      if (problem !== null) ctx.addIssue({ code: 'custom', input: host, message: problem });
    }),
  );

export const TlsEndpoint = z.strictObject({
  host: TlsHost,
  port: z._default(boundedInteger('a port', 1, 65535), 443),
  /** SNI name and the name the certificate must match. @default the host */
  servername: z.optional(TlsHost),
});

const TlsEndpointsSettings = z
  .strictObject({
    enabled,
    // The same host, port and name twice would be probed twice and its findings counted twice.
    endpoints: z._default(
      z
        .array(TlsEndpoint)
        .check(eachOnce('endpoint', (e) => JSON.stringify([e.host, e.port, e.servername ?? e.host]))),
      [],
    ),
    /** The earliest-expiring certificate of the chain expiring within this many days warns. */
    warnDays: z._default(days(), 30),
    /** The earliest-expiring certificate of the chain expiring within this many days (or expired) fails. */
    failDays: z._default(days(0), 7),
    /** RSA keys of the leaf or an intermediate shorter than this fail. */
    minRsaBits: z._default(rsaBits(), 2048),
    /** Connect plus handshake, per endpoint. */
    timeoutMs: z._default(wholeNumber('milliseconds', 100, MAX_TIMEOUT_MS), 5000),
    /** PEM bundle of extra trusted CAs (e.g. a private CA), added to the system roots. @default none */
    caFile: z.optional(z.string().check(z.minLength(1))),
  })
  .check(
    z.superRefine((settings, ctx) => {
      const problem = probeBudgetProblem(settings.endpoints.length, settings.timeoutMs);
      if (problem !== null)
        ctx.addIssue({ code: 'custom', path: ['timeoutMs'], input: settings.timeoutMs, message: problem });
    }),
  );

const SecretsRotationSettings = z.strictObject({
  enabled,
  maxAgeDays: z._default(days(), 90),
  /** A secret tagged with this key is exempt from rotation; the tag's value is the reason. */
  exemptTagKey: z._default(z.string().check(z.minLength(1)), 'preflight:rotation-exempt'),
});

const SecretsEncryptionSettings = z.strictObject({
  enabled,
  /** FAIL a secret encrypted with the AWS managed key `aws/secretsmanager`. */
  requireCustomerManagedKey: z._default(z.boolean(), true),
});

const SsmParametersSettings = z.strictObject({
  enabled,
  /** Case-insensitive name fragments that mark a parameter as sensitive. */
  sensitivePatterns: z._default(z.array(z.string().check(z.minLength(1))), [
    'password',
    'passwd',
    'secret',
    'token',
    'apikey',
    'api-key',
    'api_key',
    'private-key',
    'credential',
  ]),
  /**
   * Last words of a name that say the parameter refers to a secret or describes it rather than holds
   * it (`/app/db-secret-arn`, `/app/token-ttl`): such a parameter is out of scope.
   */
  referenceWords: z._default(z.array(z.string().check(z.minLength(1))), [
    'arn',
    'name',
    'id',
    'ttl',
    'expiry',
    'expiration',
    'length',
    'version',
    'path',
    'region',
    'days',
    'hours',
    'seconds',
    'enabled',
  ]),
});

const IamAccessKeysSettings = z.strictObject({
  enabled,
  maxAgeDays: z._default(days(), 90),
  unusedWarnDays: z._default(days(), 45),
});

export const RequiredAlarm = z
  .strictObject({
    /** Exact alarm name. */
    name: z.optional(z.string().check(z.minLength(1))),
    /** Any alarm on this metric satisfies the requirement. */
    namespace: z.optional(z.string().check(z.minLength(1))),
    metricName: z.optional(z.string().check(z.minLength(1))),
    /** Why this alarm is required, shown when it is missing. */
    reason: z.optional(z.string()),
  })
  .check(
    z.refine((a) => a.name !== undefined || a.metricName !== undefined, {
      message: 'expected "name" or "metricName"',
    }),
  );

const AlarmsSettings = z.strictObject({
  enabled,
  /** Alarms that must exist and notify someone, by exact name or by metric. */
  requiredAlarms: z._default(z.array(RequiredAlarm), []),
  /** An alarm in INSUFFICIENT_DATA for longer than this is stuck (WARN). */
  insufficientDataHours: z._default(hours(), 24),
  /** An alarm in ALARM now fails the check (fix before you deploy); false makes it a WARN. */
  failWhenInAlarm: z._default(z.boolean(), true),
  /** Alarm names whose notBreaching/ignore missing-data setting is deliberate (sparse metrics). */
  missingDataExemptAlarms: z._default(z.array(z.string().check(z.minLength(1))), []),
});

const LogDeliverySettings = z.strictObject({
  enabled,
  /** A log group that received no event for longer than this has stopped logging (FAIL). */
  maxSilenceMinutes: z._default(wholeNumber('minutes', 1, 7 * 24 * 60), 15),
  /** Status given to a log group without a retention period (events kept forever). */
  missingRetention: z._default(z.enum(['WARN', 'FAIL']), 'WARN'),
});

export const KeyMetricSchema = z.strictObject({
  namespace: z.string().check(z.minLength(1)),
  metricName: z.string().check(z.minLength(1)),
  /** Dimension name → value; every one must match. @default any dimensions */
  dimensions: z.optional(z.record(z.string().check(z.minLength(1)), z.string().check(z.minLength(1)))),
});

const MetricsCollectionSettings = z.strictObject({
  enabled,
  /** The key metrics that must have datapoints in the last 3 hours. A service names its own in keyMetrics. */
  metrics: z._default(z.array(KeyMetricSchema), []),
});

const TracingSettings = z.strictObject({
  enabled,
  /** Status given to a function or state machine that does not trace actively. */
  missingTracing: z._default(z.enum(['WARN', 'FAIL']), 'FAIL'),
});

const LoadBalancerHealthChecksSettings = z.strictObject({
  enabled,
  /** A dead target must be taken out within this many seconds (interval × unhealthy threshold). */
  maxDetectionSeconds: z._default(wholeNumber('seconds', 10, 3600), 90),
  /** Accept an HTTP health check of `/` (it proves the server answers, not that the service works). */
  allowRootPath: z._default(z.boolean(), false),
});

const RateLimitingSettings = z.strictObject({ enabled });

const CorsPoliciesSettings = z.strictObject({ enabled });

const AutoScalingPoliciesSettings = z.strictObject({
  enabled,
  /** Least minimum of ECS tasks and Auto Scaling group instances (2 for production; 1 lets a non-production service run one). */
  minCapacity: z._default(wholeNumber('tasks or instances', 1, 100), 2),
  /** Least Availability Zones an Auto Scaling group spreads over. */
  minZones: z._default(wholeNumber('zones', 1, 6), 2),
  /** Least minimum of Aurora replicas (a reader to fail over to). */
  minAuroraReplicas: z._default(wholeNumber('replicas', 0, 15), 1),
  /** WARN when a group's desired capacity reaches this percentage of its maximum (FAIL at the maximum). */
  warnPercentOfMax: z._default(wholeNumber('percent', 50, 99), 90),
});

const DiskSpaceSettings = z.strictObject({
  enabled,
  /** WARN when a volume of known size is this full (percent used). */
  warnPercent: z._default(wholeNumber('percent', 1, 99), 80),
  /** FAIL when a volume of known size is this full (percent used). */
  failPercent: z._default(wholeNumber('percent', 2, 100), 90),
  /** Where the size is not reported (OpenSearch, Aurora local storage): FAIL below this much free space. */
  minFreeGiB: z._default(wholeNumber('GiB', 1, 100_000), 10),
  /** WARN when the last 7 days' rate fills the volume within this many days. */
  warnDays: z._default(days(), 30),
  /** FAIL when the last 7 days' rate fills the volume within this many days. */
  failDays: z._default(days(), 7),
});

const ResourceLimitsSettings = z
  .strictObject({
    enabled,
    /** Status given to an ECS task definition that sets no CPU for the task or for some container. */
    missingCpu: z._default(z.enum(['WARN', 'FAIL']), 'WARN'),
    /** Status given to a Lambda function left at the default timeout (3 s) or memory (128 MB), or at the 900 s maximum. */
    defaultFunctionLimits: z._default(z.enum(['WARN', 'FAIL']), 'WARN'),
    /** Judge service quotas (account-wide, once per account and region) with usage against quota. */
    quotas: z._default(z.boolean(), true),
    /** Service Quotas service codes whose quotas with a usage metric are judged. */
    quotaServiceCodes: z._default(
      z
        .array(
          z
            .string()
            .check(z.regex(/^[a-z0-9-]{1,63}$/, 'expected a Service Quotas service code such as lambda')),
        )
        .check(z.maxLength(50, { error: 'expected at most 50 service codes' })),
      ['lambda', 'ecs', 'fargate', 'ec2', 'elasticloadbalancing', 'vpc'],
    ),
    /** Usage at or above this percentage of a quota warns. */
    quotaWarnPercent: z._default(boundedNumber('a percentage', 1, 100), 80),
    /** Usage at or above this percentage of a quota fails. */
    quotaFailPercent: z._default(boundedNumber('a percentage', 1, 100), 95),
    /** Usage is the peak over this many hours. */
    quotaLookbackHours: z._default(wholeNumber('hours', 1, 168), 1),
  })
  .check(
    z.refine((s) => s.quotaWarnPercent < s.quotaFailPercent, {
      path: ['quotaWarnPercent'],
      message: 'expected quotaWarnPercent to be less than quotaFailPercent',
    }),
  );

const EnvironmentVariablesSettings = z.strictObject({
  enabled,
  /** Case-insensitive fragments of a variable name that mark its value as a secret. */
  sensitiveKeyPatterns: z._default(
    z
      .array(z.string().check(z.minLength(1), z.maxLength(64)))
      .check(z.maxLength(100, { error: 'expected at most 100 patterns' })),
    ['PASSWORD', 'PASSWD', 'SECRET', 'TOKEN', 'API_KEY', 'APIKEY', 'PRIVATE_KEY', 'CREDENTIAL'],
  ),
  /** Variable names never flagged (a public key, a deliberate non-secret whose name looks like one). */
  allowedKeys: z._default(
    z
      .array(z.string().check(z.minLength(1), z.maxLength(256)))
      .check(z.maxLength(500, { error: 'expected at most 500 names' })),
    [],
  ),
  /** A value of at least `minEntropyLength` characters with this Shannon entropy (bits per character) or more looks random: a secret. */
  entropyBitsPerChar: z._default(boundedNumber('bits per character', 3, 6), 4.5),
  /** Values shorter than this are never judged by entropy alone. */
  minEntropyLength: z._default(wholeNumber('characters', 8, 1024), 20),
  /** Status given to a secret-looking value in plain text. */
  plainSecret: z._default(z.enum(['WARN', 'FAIL']), 'FAIL'),
});

const DeploymentStrategySettings = z.strictObject({
  enabled,
  /** The service's CodeDeploy deployment groups. @default those of watch.rollback when its action is codedeploy */
  deploymentGroups: z._default(
    z
      .array(DeploymentGroup)
      .check(z.maxLength(100, 'expected at most 100 deployment groups'), eachOnce('deployment group')),
    [],
  ),
  /** Traffic moves to the new version gradually (canary or linear): an all-at-once configuration fails. */
  gradualTraffic: z._default(z.boolean(), true),
  /** EC2 deployment groups deploy blue/green (a new fleet), not in place. */
  blueGreen: z._default(z.boolean(), true),
  /** After a successful blue/green deployment, the original fleet is kept at least this long (the rollback window). */
  keepOriginalMinutes: z._default(wholeNumber('minutes', 0, 2880), 60),
  /** The alias a Lambda function of the service is deployed through. */
  lambdaAlias: z._default(
    z.string().check(z.regex(/^(?!\d+$)[A-Za-z0-9_-]{1,128}$/, 'expected a Lambda alias name such as live')),
    'live',
  ),
  /** A rollback alarm in INSUFFICIENT_DATA for longer than this watches nothing (WARN). */
  alarmInsufficientDataHours: z._default(hours(), 24),
});

const RollbackTestedSettings = z.strictObject({
  enabled,
  /** SSM Automation documents that roll the service back. @default the document of watch.rollback when its action is ssm-automation */
  documents: z._default(
    z.array(SsmDocumentName).check(z.maxLength(50, 'expected at most 50 documents'), eachOnce('document')),
    [],
  ),
  /** Each must have run successfully within this many days. */
  periodDays: z._default(days(), 90),
});

const NetworkConfigurationSettings = z.strictObject({
  enabled,
  /** Ports an internet-facing load balancer's own security group may open to the internet. */
  publicPorts: z._default(
    z
      .array(boundedInteger('a port', 1, 65_535))
      .check(z.maxLength(20, 'expected at most 20 public ports'), eachOnce('port')),
    [80, 443],
  ),
});

/** Every check's settings; a service's `checks` override these key by key (see `core/services`). */
export const ChecksSettingsSchema = z
  .strictObject({
    'database-backups': z.prefault(DatabaseBackupsSettings, {}),
    'acm-certificates': z.prefault(AcmCertificatesSettings, {}),
    'tls-endpoints': z.prefault(TlsEndpointsSettings, {}),
    'secrets-rotation': z.prefault(SecretsRotationSettings, {}),
    'secrets-encryption': z.prefault(SecretsEncryptionSettings, {}),
    'ssm-secure-parameters': z.prefault(SsmParametersSettings, {}),
    'iam-access-keys': z.prefault(IamAccessKeysSettings, {}),
    alarms: z.prefault(AlarmsSettings, {}),
    'log-delivery': z.prefault(LogDeliverySettings, {}),
    'metrics-collection': z.prefault(MetricsCollectionSettings, {}),
    tracing: z.prefault(TracingSettings, {}),
    'load-balancer-health-checks': z.prefault(LoadBalancerHealthChecksSettings, {}),
    'rate-limiting': z.prefault(RateLimitingSettings, {}),
    'cors-policies': z.prefault(CorsPoliciesSettings, {}),
    'auto-scaling-policies': z.prefault(AutoScalingPoliciesSettings, {}),
    'disk-space': z.prefault(DiskSpaceSettings, {}),
    'resource-limits': z.prefault(ResourceLimitsSettings, {}),
    'environment-variables': z.prefault(EnvironmentVariablesSettings, {}),
    'image-scans': z.prefault(ImageScansSettings, {}),
    'images-pushed': z.prefault(ImagesPushedSettings, {}),
    'deployment-strategy': z.prefault(DeploymentStrategySettings, {}),
    'rollback-tested': z.prefault(RollbackTestedSettings, {}),
    'network-configuration': z.prefault(NetworkConfigurationSettings, {}),
  })
  .check(
    z.superRefine((checks, ctx) => {
      const disk = checks['disk-space'];
      if (disk.failPercent <= disk.warnPercent) {
        ctx.addIssue({
          code: 'custom',
          path: ['disk-space', 'failPercent'],
          input: disk.failPercent,
          message: `expected failPercent to be more than warnPercent (${disk.warnPercent})`,
        });
      }
      if (disk.failDays >= disk.warnDays) {
        ctx.addIssue({
          code: 'custom',
          path: ['disk-space', 'failDays'],
          input: disk.failDays,
          message: `expected failDays to be less than warnDays (${disk.warnDays})`,
        });
      }
      for (const id of ['acm-certificates', 'tls-endpoints'] as const) {
        const { warnDays, failDays } = checks[id];
        if (failDays >= warnDays) {
          ctx.addIssue({
            code: 'custom',
            path: [id, 'failDays'],
            input: failDays,
            message: `expected failDays to be less than warnDays (${warnDays})`,
          });
        }
      }
    }),
  );

const VerificationSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('check'),
    checkIds: z.array(z.string()).check(z.minLength(1), eachOnce('check id')),
  }),
  z.strictObject({
    kind: z.literal('attestation'),
    // As `preflight gate --attest KEY=URL` takes it: another key could never be attested there.
    key: z
      .string()
      .check(
        z.regex(
          /^[a-z0-9]+(-[a-z0-9]+)*$/,
          'expected an attestation key of lowercase letters, digits and -, such as waf-enabled (as preflight gate --attest takes it)',
        ),
      ),
  }),
  z.strictObject({ kind: z.literal('signoff'), role: z.string().check(z.minLength(1)) }),
  z.strictObject({ kind: z.literal('trigger'), triggerId: z.string().check(z.minLength(1)) }),
  z.strictObject({ kind: z.literal('followup'), after: z.enum(['1h', '24h', '7d', 'quarterly']) }),
  z.strictObject({ kind: z.literal('informational') }),
]);

const CustomItem = z.strictObject({
  id: z
    .string()
    .check(z.regex(ITEM_ID, 'expected an id of the form group.slug, lower case, e.g. security.waf-enabled')),
  section: z.string().check(z.minLength(1)),
  group: z.string().check(z.minLength(1)),
  title: z.string().check(z.minLength(1)),
  verification: VerificationSchema,
  note: z.optional(z.string()),
});

/** The seed's items a team turns off, and its own items. */
export const ChecklistSettingsSchema = z.strictObject({
  disabledItems: z._default(z.array(z.string()).check(eachOnce('item')), []),
  items: z._default(z.array(CustomItem), []),
});

const IntegrationsSchema = z.strictObject({
  /** Gate and scheduled findings imported into AWS Security Hub (docs/security-hub.md). */
  securityHub: z.prefault(
    z.strictObject({
      enabled: z._default(z.boolean(), false),
      /**
       * Where Preflight's `docs/` folder is published (https), for each finding's remediation link.
       * @default none: findings carry the remediation text without a link
       */
      docsUrl: z.optional(httpsUrlSchema()),
    }),
    {},
  ),
  /**
   * Preflight's events to an HTTPS webhook through an EventBridge API destination
   * (docs/events.md). @default none
   */
  webhook: z.optional(
    z.strictObject({
      /** The endpoint events are POSTed to. */
      url: httpsUrlSchema(),
      /** The Secrets Manager secret (ARN) whose value is the API key the endpoint expects. */
      apiKeySecretArn: z
        .string()
        .check(
          z.regex(
            /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+$/,
            'expected a Secrets Manager secret ARN',
          ),
        ),
      /** The header the API key is sent in. */
      apiKeyHeader: z._default(
        z.string().check(z.regex(/^[A-Za-z0-9-]{1,64}$/, 'expected an HTTP header name')),
        'x-api-key',
      ),
      /** The detail types sent. @default every Preflight detail type */
      detailTypes: z.optional(z.array(z.enum(EVERY_DETAIL_TYPE)).check(z.minLength(1))),
      /** Requests per second at most. */
      rateLimitPerSecond: z._default(z.int().check(z.gte(1), z.lte(300)), 10),
    }),
  ),
  /** Preflight's events in Slack or Microsoft Teams channels through AWS Chatbot (docs/events.md). @default none */
  chatbot: z.optional(ChatbotSchema),
});

export const ConfigSchema = z.strictObject({
  $schema: z.optional(z.string()),
  timezone: z._default(TimeZone, 'UTC'),
  notifications: z.prefault(NotificationsSchema, {}),
  /**
   * Where Preflight itself is deployed: the member-account stack trusts its roles there alone.
   * @default none: the member-account stack cannot be synthesized
   */
  home: z.optional(HomeSchema),
  /** Where services run: account, regions, and how Preflight reaches them. @default none */
  environments: EnvironmentsSchema,
  /** The services, their resources, environments and overrides. @default none: the whole account */
  services: ServicesSchema,
  /** Accounts of AWS Organizations OUs the scheduled posture audit also covers. @default none */
  organization: z.optional(OrganizationSchema),
  gate: z.prefault(GateSettingsSchema, {}),
  schedules: z.prefault(
    z.strictObject({
      /** The posture audit of every environment and region (and organization account), fanned out. */
      audit: z.prefault(
        z.strictObject({
          enabled,
          expression: z._default(ScheduleExpression, 'cron(0 6 * * ? *)'),
          /**
           * Accounts and regions audited at once (the Distributed Map's MaxConcurrency). Each runs up to
           * `gate.concurrency` check functions, so this times that is the Lambda concurrency it may take.
           */
          maxConcurrency: z._default(boundedInteger('a number of audits at once', 1, 1000), 40),
          /**
           * Percentage of child executions that may fail before the fan-out stops the rest. An account
           * whose role cannot be assumed is not a failed child: it is an ERROR report.
           */
          toleratedFailurePercentage: z._default(boundedInteger('a percentage', 0, 100), 10),
        }),
        {},
      ),
      /** The quarterly checklist review: 09:00 on the first weekday of January, April, July and October. */
      review: z.prefault(
        z.strictObject({ enabled, expression: z._default(ScheduleExpression, 'cron(0 9 1W 1,4,7,10 ? *)') }),
        {},
      ),
    }),
    {},
  ),
  reports: z.prefault(
    z.strictObject({
      /** Days a stored report is kept before S3 expires it. */
      retentionDays: z._default(days(), 400),
    }),
    {},
  ),
  checks: z.prefault(ChecksSettingsSchema, {}),
  /** Known exceptions: findings reported as MUTED, with reason and expiry, until then. @default none */
  mutes: MutesSchema,
  watch: z.prefault(WatchSettingsSchema, {}),
  checklist: z.prefault(ChecklistSettingsSchema, {}),
  /** Where else findings and numbers go, each off unless enabled. */
  integrations: z.prefault(IntegrationsSchema, {}),
});

/** The validated configuration, every default filled in. */
export type PreflightConfig = z.output<typeof ConfigSchema>;
/** What a user may write in the configuration file. */
export type PreflightConfigInput = z.input<typeof ConfigSchema>;
export type CheckSettings = PreflightConfig['checks'];
export type CheckId = keyof CheckSettings;
export type CustomChecklistItem = z.output<typeof CustomItem>;
