/*
 * Reading alarm configuration strings: which actions are SNS topics, and which alarms a composite
 * alarm's rule fires on.
 */

const SNS_TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w.-]+$/;

/** True for an SNS topic ARN; other actions (Auto Scaling, Lambda, SSM, EC2) act by themselves. */
export function isSnsTopicArn(action: string): boolean {
  return SNS_TOPIC_ARN.test(action);
}

const SCALING_POLICY_ARN = /^arn:aws[a-z-]*:autoscaling:[a-z0-9-]+:\d{12}:scalingPolicy:/;

/**
 * True for an Auto Scaling policy (EC2 Auto Scaling and Application Auto Scaling share the
 * `autoscaling` service prefix): the alarm's ALARM state asks for capacity, it reports no incident.
 */
export function isScalingPolicyArn(action: string): boolean {
  return SCALING_POLICY_ARN.test(action);
}

/**
 * An alarm that only drives Auto Scaling: every ALARM action is a scaling policy. Target tracking
 * creates such alarms itself (its `AlarmLow` sits in ALARM whenever the load is low), and step
 * scaling alarms are in ALARM exactly while the policy scales: neither state is something to fix.
 */
export function drivesScalingOnly(alarmActions: readonly string[]): boolean {
  return alarmActions.length > 0 && alarmActions.every(isScalingPolicyArn);
}

/** The short name of a topic for messages: the last ARN segment. */
export function topicName(topicArn: string): string {
  return topicArn.slice(topicArn.lastIndexOf(':') + 1);
}

/** `ALARM("name")`, `ALARM(name)`, `ALARM("arn:...:alarm:name")`. */
const ALARM_CALL = /\bALARM\(\s*("[^"]*"|[^\s()"]+)\s*\)/g;
/** `AT_LEAST(2, ALARM, ("a", "b"))`: the list of alarms counted for the ALARM state. */
const AT_LEAST_ALARM = /\bAT_LEAST\([^,()]+,\s*ALARM\s*,\s*\(([^)]*)\)\s*\)/g;

function alarmNameOf(reference: string): string {
  const unquoted = reference.trim().replace(/^"|"$/g, '');
  // A reference may be the alarm's ARN: arn:aws:cloudwatch:region:account:alarm:name (names may hold ':').
  const marker = unquoted.match(/^arn:aws[a-z-]*:cloudwatch:[^:]*:\d*:alarm:(.+)$/);
  return marker?.[1] ?? unquoted;
}

/**
 * Names of the alarms whose ALARM state a composite rule reacts to. Used only to credit a child alarm
 * without actions of its own with its composite's notifications, so a miss here errs towards FAIL.
 */
export function alarmsFiredOn(rule: string): string[] {
  const names = new Set<string>();
  for (const match of rule.matchAll(ALARM_CALL)) if (match[1]) names.add(alarmNameOf(match[1]));
  for (const match of rule.matchAll(AT_LEAST_ALARM)) {
    for (const item of (match[1] ?? '').split(',')) if (item.trim() !== '') names.add(alarmNameOf(item));
  }
  return [...names];
}
