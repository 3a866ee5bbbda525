import { type Delivery, deliveryOf, type UnknownTarget } from '../../delivery';
import type { Alarm } from '../../ports';
import type { RuleResult } from '../../rule-result';
import { alarmsFiredOn, topicName } from '../../targets';
import type { TopicOutcomes } from '../../topics';

/** Every alarm's own delivery, and which composite alarms fire on each alarm. */
export interface ActionsContext {
  readonly deliveries: ReadonlyMap<string, Delivery>;
  readonly firedBy: ReadonlyMap<string, readonly string[]>;
}

/** Precomputes what the actions rule needs across alarms (composites credit their children). */
export function actionsContext(alarms: readonly Alarm[], topics: TopicOutcomes): ActionsContext {
  const deliveries = new Map(alarms.map((alarm) => [alarm.name, deliveryOf(alarm, topics)]));
  const firedBy = new Map<string, string[]>();
  for (const alarm of alarms) {
    if (alarm.kind !== 'composite') continue;
    for (const child of alarmsFiredOn(alarm.rule))
      firedBy.set(child, [...(firedBy.get(child) ?? []), alarm.name]);
  }
  return { deliveries, firedBy };
}

interface Reach {
  readonly via: string[];
  readonly unknown: UnknownTarget[];
}

/** The composite alarms, up the tree, that notify someone when `name` goes to ALARM. */
function reachThroughComposites(name: string, context: ActionsContext, seen: Set<string>): Reach {
  const reach: Reach = { via: [], unknown: [] };
  for (const parent of context.firedBy.get(name) ?? []) {
    if (seen.has(parent)) continue; // composite rules may form cycles through misconfiguration
    seen.add(parent);
    const delivery = context.deliveries.get(parent);
    if (delivery?.kind === 'notifies') reach.via.push(parent);
    else if (delivery?.kind === 'unknown') reach.unknown.push(...delivery.unknown);
    else if (delivery?.kind === 'none') {
      const above = reachThroughComposites(parent, context, seen);
      reach.via.push(...above.via);
      reach.unknown.push(...above.unknown);
    }
  }
  return reach;
}

const DISABLED_FIX =
  'Re-enable them (aws cloudwatch enable-alarm-actions --alarm-names NAME), or delete the alarm.';
const NO_ACTION_FIX =
  'Add an ALARM action (an SNS topic with a confirmed subscription, or an Auto Scaling, Lambda or SSM action), ' +
  'or make a composite alarm that notifies fire on it.';
const DEAD_FIX =
  'Confirm pending subscriptions (the recipient follows the link in the confirmation message), subscribe ' +
  'an endpoint to the topic, or point the alarm at a topic that exists.';

function describeDead(delivery: Extract<Delivery, { dead: unknown }>): string {
  return delivery.dead.map((d) => `${topicName(d.target)} (${d.why})`).join(', ');
}

/** The account field of an ARN (`arn:partition:service:region:account:...`), or undefined. */
function accountOf(arn: string): string | undefined {
  const account = arn.split(':')[4];
  return account === undefined || account === '' ? undefined : account;
}

/**
 * A denied lookup of a topic in another account than the alarm's is not fixed by the audit role's
 * own policy: the topic's policy, in its own account, must let that role list its subscriptions.
 */
function remediationFor(target: UnknownTarget | undefined, alarm: Alarm): string | undefined {
  if (target === undefined || !/^(AccessDenied|AuthorizationError)/.test(target.outcome.code))
    return undefined;
  const topicAccount = accountOf(target.target);
  const alarmAccount = accountOf(alarm.arn);
  if (topicAccount === undefined || alarmAccount === undefined || topicAccount === alarmAccount) {
    return undefined;
  }
  return (
    `Add to the topic policy in account ${topicAccount} (the topic's own account) a statement allowing ` +
    `sns:ListSubscriptionsByTopic to the role Preflight runs as; allowing it in that role's own policy is not enough across accounts.`
  );
}

function unknownResult(unknown: readonly UnknownTarget[], lead: string, alarm: Alarm): RuleResult {
  const first = unknown[0]?.outcome;
  return {
    rule: 'actions',
    status: 'ERROR',
    message: `${lead} ${first?.message ?? 'Could not evaluate.'}`,
    remediation: remediationFor(unknown[0], alarm) ?? first?.remediation ?? 'Run again.',
    evidence: { uncheckedTopics: unknown.map((u) => u.target), code: first?.code },
  };
}

/**
 * The `actions` rule: an alarm must reach someone when it fires. Disabled actions fail; no action
 * fails unless a composite alarm that notifies fires on it; SNS topics that do not exist or have no
 * confirmed subscription do not count; a topic that could not be checked makes the verdict ERROR.
 */
export function judgeActions(alarm: Alarm, context: ActionsContext): RuleResult {
  const delivery = context.deliveries.get(alarm.name) ?? deliveryOf(alarm, new Map());
  switch (delivery.kind) {
    case 'notifies':
      return {
        rule: 'actions',
        status: 'PASS',
        message: `Notifies through ${delivery.working.join(', ')}.`,
        evidence: {
          notifiesThrough: delivery.working,
          ...(delivery.dead.length > 0 ? { deadTargets: delivery.dead } : {}),
          ...(delivery.unknown.length > 0 ? { uncheckedTopics: delivery.unknown.map((u) => u.target) } : {}),
        },
      };
    case 'disabled':
      return {
        rule: 'actions',
        status: 'FAIL',
        message:
          'Actions are disabled (ActionsEnabled is false): the alarm changes state but notifies nobody.',
        remediation: DISABLED_FIX.replace('NAME', alarm.name),
        evidence: { actionsEnabled: false, alarmActions: alarm.alarmActions },
      };
    case 'dead':
      return {
        rule: 'actions',
        status: 'FAIL',
        message: `Notifies nobody: its ALARM actions only reach ${describeDead(delivery)}.`,
        remediation: DEAD_FIX,
        evidence: { deadTargets: delivery.dead },
      };
    case 'unknown':
      return unknownResult(delivery.unknown, 'Could not tell whether its SNS topics notify anyone.', alarm);
    case 'none':
      return judgeThroughComposites(alarm, context);
  }
}

function judgeThroughComposites(alarm: Alarm, context: ActionsContext): RuleResult {
  const reach = reachThroughComposites(alarm.name, context, new Set([alarm.name]));
  if (reach.via.length > 0) {
    return {
      rule: 'actions',
      status: 'PASS',
      message: `Has no ALARM action of its own; notifies through composite alarm ${reach.via.join(', ')}.`,
      evidence: { notifiesThroughComposites: reach.via },
    };
  }
  if (reach.unknown.length > 0) {
    return unknownResult(
      reach.unknown,
      'Has no ALARM action of its own, and its composite alarms could not be checked.',
      alarm,
    );
  }
  const composites = context.firedBy.get(alarm.name) ?? [];
  return {
    rule: 'actions',
    status: 'FAIL',
    message:
      composites.length > 0
        ? `Has no ALARM action and notifies nobody: neither do the composite alarms that fire on it (${composites.join(', ')}).`
        : 'Has no ALARM action: it notifies nobody.',
    remediation: NO_ACTION_FIX,
    evidence: { alarmActions: [], ...(composites.length > 0 ? { composites } : {}) },
  };
}
