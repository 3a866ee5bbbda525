/*
 * Where an ECS container's `secrets[].valueFrom` points: a Secrets Manager secret (by ARN, possibly
 * with a JSON key, version stage and version id after it) or an SSM parameter (by ARN, or by name
 * in the task's own region). Only metadata is ever asked of either: whether it exists.
 */

/** What one `valueFrom` names. */
export type SecretSource =
  /** A secret of this account and region, as DescribeSecret takes it (the ARN without JSON key or version). */
  | { readonly kind: 'secret'; readonly secretId: string }
  /** A parameter of this account and region, by name as DescribeParameters filters it. */
  | { readonly kind: 'parameter'; readonly name: string }
  /** A secret or parameter of another account or region: this account's audit role cannot see it. */
  | { readonly kind: 'elsewhere'; readonly where: string };

/** The region and account of an ARN. */
const locationOf = (arn: string) => {
  const [, , , region = '', account = ''] = arn.split(':');
  return { region, account };
};

/**
 * Where `valueFrom` points, judged from the task definition `taskDefinitionArn` (its region and
 * account are those the check can see).
 */
export function secretSourceOf(valueFrom: string, taskDefinitionArn: string): SecretSource {
  if (!valueFrom.startsWith('arn:')) {
    return { kind: 'parameter', name: valueFrom };
  }
  const parts = valueFrom.split(':');
  const [, , service = '', region = '', account = ''] = parts;
  const home = locationOf(taskDefinitionArn);
  if (region !== home.region || account !== home.account) {
    return { kind: 'elsewhere', where: `${service} in ${account} ${region}` };
  }
  if (service === 'secretsmanager') return { kind: 'secret', secretId: parts.slice(0, 7).join(':') };
  // `parameter/prod/db` is the parameter `/prod/db`; `parameter/flags` is `flags`.
  const path = parts
    .slice(5)
    .join(':')
    .replace(/^parameter\//, '');
  return { kind: 'parameter', name: path.includes('/') ? `/${path}` : path };
}
