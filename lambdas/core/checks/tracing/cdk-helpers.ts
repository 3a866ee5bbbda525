import type { TracedFunction } from './ports';

/**
 * Logical ids CDK gives its own singleton functions: each is fixed in CDK's source (a construct
 * name and a UUID CDK chose), so a function CloudFormation named after one is CDK's, not the team's.
 */
const CDK_SINGLETONS: readonly { readonly logicalId: string; readonly what: string }[] = [
  { logicalId: 'LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a', what: "CDK's log retention function" },
  {
    logicalId: 'CustomCDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C',
    what: "CDK's BucketDeployment function",
  },
  { logicalId: 'AWS679f53fac002430cb0da5b7982bd2287', what: "CDK's AwsCustomResource function" },
  {
    logicalId: 'CrossRegionAwsSdk8a0c93f3dbef4b71ac137aaf2048ce7e',
    what: "CDK's cross-region AwsCustomResource function",
  },
  {
    logicalId: 'BucketNotificationsHandler050a0587b7544547bf325f094a3db834',
    what: "CDK's S3 bucket notifications function",
  },
];

/** The shortest truncated logical id trusted as one of CDK's: shorter prefixes could be anyone's name. */
const MIN_LOGICAL_ID_PREFIX = 16;

/** CDK's core custom resource providers: `Custom<Type>CustomResourceProviderHandler<hash>`. */
const CORE_PROVIDER = /^Custom[A-Za-z0-9]+CustomResourceProvider/;
const CORE_PROVIDER_TRUNCATED = /^Custom[A-Za-z0-9]+CustomResourcePr/;

/** The custom resources Provider framework's functions: CDK writes both the handler and the description. */
const FRAMEWORK_HANDLERS = new Set(['framework.onEvent', 'framework.isComplete', 'framework.onTimeout']);
const FRAMEWORK_DESCRIPTION = /^AWS CDK resource provider framework - (onEvent|isComplete|onTimeout) \(/;

/**
 * The logical id in a name CloudFormation generated (`<stack>-<logical id>-<random suffix>`, the
 * first two cut short to fit 64 characters); `undefined` for a name the team chose.
 */
function generatedLogicalId(name: string): string | undefined {
  const parts = name.split('-');
  if (parts.length < 3) return undefined;
  const suffix = parts[parts.length - 1] ?? '';
  const logicalId = parts[parts.length - 2] ?? '';
  return /^[A-Za-z0-9]{8,}$/.test(suffix) && /^[A-Za-z0-9]+$/.test(logicalId) ? logicalId : undefined;
}

/**
 * What CDK helper a function is, when it is one of CDK's own: singletons CDK adds to a stack (log
 * retention, BucketDeployment, AwsCustomResource, bucket notifications), core custom resource
 * providers' handlers and the Provider framework's functions. The markers are ones CDK writes and a
 * team does not: the fixed logical id inside the name CloudFormation generated, or the framework's
 * handler together with its description. A function the team named itself is never taken for one.
 */
export function cdkHelperOf(fn: TracedFunction): string | undefined {
  if (
    fn.handler !== undefined &&
    FRAMEWORK_HANDLERS.has(fn.handler) &&
    fn.description !== undefined &&
    FRAMEWORK_DESCRIPTION.test(fn.description)
  ) {
    return "CDK's custom resource Provider framework function";
  }
  const logicalId = generatedLogicalId(fn.name);
  if (logicalId === undefined) return undefined;
  if (CORE_PROVIDER.test(logicalId) || CORE_PROVIDER_TRUNCATED.test(logicalId)) {
    return "a CDK core custom resource provider's handler";
  }
  if (logicalId.length < MIN_LOGICAL_ID_PREFIX) return undefined;
  return CDK_SINGLETONS.find((s) => s.logicalId.startsWith(logicalId))?.what;
}
