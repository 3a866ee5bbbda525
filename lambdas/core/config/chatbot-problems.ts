import type { PreflightConfig } from './schema';
import type { ConfigProblem } from './validate';

/*
 * `integrations.chatbot.services` and `.environments` name what the events carry: a service or an
 * environment the configuration does not have would match no event, and the channel would stay
 * silent for a reason nobody sees. An audit of the whole account (no services, or an organization's
 * account in the scheduled audit) names the service `account`; one without an environment, `default`.
 */

function unknownNames(
  key: 'services' | 'environments',
  wanted: readonly string[] | undefined,
  known: readonly string[],
): ConfigProblem[] {
  return (wanted ?? []).flatMap((name, index) =>
    known.includes(name)
      ? []
      : [
          {
            key: `integrations.chatbot.${key}.[${index}]`,
            value: name,
            expected: `expected a${key === 'environments' ? 'n environment' : ' service'} of the configuration: ${known.join(', ')}`,
          },
        ],
  );
}

export function chatbotProblems(config: PreflightConfig): ConfigProblem[] {
  const chatbot = config.integrations.chatbot;
  if (chatbot === undefined) return [];
  return [
    ...unknownNames('services', chatbot.services, [...Object.keys(config.services), 'account']),
    ...unknownNames('environments', chatbot.environments, [...Object.keys(config.environments), 'default']),
  ];
}
