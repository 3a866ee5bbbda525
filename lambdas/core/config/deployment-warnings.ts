import { ownEntry } from '../own';
import { resolveTarget } from '../services/resolve';
import { listTargets } from '../services/targets';
import { unmappedMetrics } from '../watch/resolve';
import { watchSettingsProblems } from '../watch/settings-problems';
import type { PreflightConfig } from './schema';

/*
 * What a valid configuration may still get wrong on a first deployment: settings that deploy, but
 * leave a part of Preflight that cannot work (a watch that no start would pass), placeholders copied
 * from an example, and subscriptions that need a step outside Preflight before anything arrives.
 * `cdk synth` prints each as a warning; none stops it.
 */

/** One warning: a stable id (to acknowledge it by), the key it is about, and what to do. */
export interface DeploymentWarning {
  readonly id:
    | 'no-subscribers'
    | 'email-confirmation'
    | 'sms-sandbox'
    | 'example-address'
    | 'example-phone-number'
    | 'example-host'
    | 'watch-without-metrics'
    | 'watch-settings-rejected';
  readonly key: string;
  readonly message: string;
}

/** Domains reserved for documentation (RFC 2606): mail there reaches nobody, hosts there are no one's. */
const EXAMPLE_DOMAIN = /(^|\.)(example\.(com|org|net)|example|test|invalid|localhost)$/i;
/** Numbers reserved for drama and documentation: UK 07700 900000-900999, North America 555-0100-0199. */
const EXAMPLE_PHONE = /^\+(447700900\d{3}|1\d{3}55501\d{2})$/;

const list = (values: readonly string[]) => values.join(', ');

function notificationWarnings(config: PreflightConfig): DeploymentWarning[] {
  const { emails, phoneNumbers } = config.notifications;
  const warnings: DeploymentWarning[] = [];
  if (emails.length === 0 && phoneNumbers.length === 0) {
    warnings.push({
      id: 'no-subscribers',
      key: 'notifications',
      message:
        'no email address or phone number: failed gates, rollbacks and alarms on Preflight itself reach nobody. Add notifications.emails (or phoneNumbers).',
    });
  }
  const exampleEmails = emails.filter((email) => EXAMPLE_DOMAIN.test(email.split('@')[1] ?? ''));
  if (exampleEmails.length > 0) {
    warnings.push({
      id: 'example-address',
      key: 'notifications.emails',
      message: `${list(exampleEmails)}: a documentation domain that receives no mail; use your team's addresses.`,
    });
  }
  const examplePhones = phoneNumbers.filter((phone) => EXAMPLE_PHONE.test(phone));
  if (examplePhones.length > 0) {
    warnings.push({
      id: 'example-phone-number',
      key: 'notifications.phoneNumbers',
      message: `${list(examplePhones)}: a number reserved for documentation that reaches no phone; use your on-call's numbers.`,
    });
  }
  if (emails.length > 0) {
    warnings.push({
      id: 'email-confirmation',
      key: 'notifications.emails',
      message: `AWS emails each address (${list(emails)}) a subscription confirmation after the deploy; nothing reaches an address until it confirms.`,
    });
  }
  if (phoneNumbers.length > 0) {
    warnings.push({
      id: 'sms-sandbox',
      key: 'notifications.phoneNumbers',
      message: `in an account whose SMS is in the SNS sandbox (every new account), only verified numbers receive SMS: verify ${list(phoneNumbers)} (aws sns create-sms-sandbox-phone-number), or ask AWS to move the account out of the sandbox.`,
    });
  }
  return warnings;
}

/** Each service with its environments (none: the account Preflight runs in), in the targets' order. */
function servicesWithEnvironments(config: PreflightConfig): Map<string, Array<string | undefined>> {
  const configured = Object.keys(config.environments).length > 0;
  const services = new Map<string, Array<string | undefined>>();
  for (const target of listTargets(config)) {
    const environments = services.get(target.service) ?? [];
    const environment = configured ? target.environment : undefined;
    if (!environments.includes(environment)) environments.push(environment);
    services.set(target.service, environments);
  }
  return services;
}

function watchAndHostWarnings(config: PreflightConfig): DeploymentWarning[] {
  const warnings: DeploymentWarning[] = [];
  // Example hosts by the key that names them: the service's own endpoints, or the shared ones.
  const exampleHosts = new Map<string, Set<string>>();
  const implicit = Object.keys(config.services).length === 0;
  for (const [service, environments] of servicesWithEnvironments(config)) {
    const unmapped = new Map<string, string>();
    const watchless: string[] = [];
    for (const environment of environments) {
      const target = resolveTarget(config, {
        ...(implicit ? {} : { service }),
        ...(environment === undefined ? {} : { environment }),
      });
      const hostsKey =
        ownEntry(config.services, service)?.tlsEndpoints === undefined
          ? 'checks.tls-endpoints.endpoints'
          : `services.${service}.tlsEndpoints`;
      for (const endpoint of target.checks['tls-endpoints'].endpoints) {
        if (!EXAMPLE_DOMAIN.test(endpoint.host)) continue;
        exampleHosts.set(hostsKey, (exampleHosts.get(hostsKey) ?? new Set()).add(endpoint.host));
      }
      const ownWatch = !implicit && ownEntry(config.services, service)?.watch !== undefined;
      for (const { key, message } of watchSettingsProblems(target.watch)) {
        const warning = {
          id: 'watch-settings-rejected' as const,
          key: ownWatch ? `services.${service}.watch.${key}` : `watch.${key}`,
          message: `${message}: every \`preflight watch start${ownWatch ? ` --service ${service}` : ''}\` would be rejected.`,
        };
        if (!warnings.some((w) => w.key === warning.key)) warnings.push(warning);
      }
      const missing = unmappedMetrics(target.watch);
      if (missing.size === 0) continue;
      for (const [metric, trigger] of missing) unmapped.set(metric, trigger);
      if (environment !== undefined) watchless.push(environment);
    }
    if (unmapped.size === 0) continue;
    const command = `preflight watch start${implicit ? '' : ` --service ${service}`}${watchless.length > 0 ? ` --env ${watchless.join('|')}` : ''}`;
    warnings.push({
      id: 'watch-without-metrics',
      key: implicit ? 'watch.metrics' : `services.${service}.watch`,
      message: `no CloudWatch metric for ${list([...unmapped.keys()])} (used by ${list([...new Set(unmapped.values())])}): every \`${command}\` would be rejected. Map them in watch.metrics (docs/watch.md), or disable those triggers.`,
    });
  }
  for (const [key, hosts] of exampleHosts) {
    warnings.push({
      id: 'example-host',
      key,
      message: `${list([...hosts])}: a documentation domain, not your endpoint, yet every gate would probe it. Name your own endpoints.`,
    });
  }
  return warnings;
}

/** Every warning a valid configuration deserves before it is deployed, notifications first. */
export function deploymentWarnings(config: PreflightConfig): DeploymentWarning[] {
  return [...notificationWarnings(config), ...watchAndHostWarnings(config)];
}
