import { EVERY_DETAIL_TYPE } from '../events/model';
import * as z from '../zod';
import { ENVIRONMENT_NAME, ENVIRONMENT_NAME_HINT } from './environments-schema';
import { SERVICE_NAME, SERVICE_NAME_HINT } from './services-schema';

/*
 * `integrations.chatbot`: Preflight's events in Slack channels or Microsoft Teams channels through
 * AWS Chatbot (Amazon Q Developer in chat applications). The ids are checked against the formats the
 * Chatbot API documents for them (CreateSlackChannelConfiguration,
 * CreateMicrosoftTeamsChannelConfiguration), so a mistyped id stops synthesis instead of a deployment.
 */

/** ConfigurationName: 1-128 letters, digits, `-` and `_`. */
const ConfigurationName = z
  .string()
  .check(
    z.regex(
      /^[A-Za-z0-9_-]{1,128}$/,
      'expected a channel configuration name: 1-128 letters, digits, - and _ (unique in the account)',
    ),
  );

/** The Microsoft ids (team, tenant) are GUIDs. */
const guid = (what: string) =>
  z
    .string({ error: `expected the ${what}, a GUID (copy it from the Chatbot console)` })
    .check(
      z.regex(
        /^[0-9A-Fa-f]{8}(?:-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}$/,
        `expected the ${what} as a GUID such as 00000000-1111-2222-3333-444444444444 (copy it from the Chatbot console)`,
      ),
    );

const SlackChannel = z.strictObject({
  /** The channel configuration's name. @default preflight-<region>-slack-<n> */
  name: z.optional(ConfigurationName),
  /** The Slack workspace authorized once in the AWS Chatbot console (T...). */
  workspaceId: z
    .string({ error: 'expected the Slack workspace id such as T0123456789 (the Chatbot console shows it)' })
    .check(
      z.regex(
        /^[0-9A-Z]{1,255}$/,
        'expected a Slack workspace id: upper-case letters and digits such as T0123456789 (the Chatbot console shows it)',
      ),
    ),
  /** The Slack channel (C... or G...): in Slack, the channel's details, at the bottom. */
  channelId: z
    .string({ error: "expected the Slack channel id such as C0123456789 (the channel's details show it)" })
    .check(
      z.regex(
        /^[A-Za-z0-9]{1,255}$/,
        "expected a Slack channel id: letters and digits such as C0123456789 (the channel's details show it), not its name",
      ),
    ),
});

const TeamsChannel = z.strictObject({
  /** The channel configuration's name. @default preflight-<region>-teams-<n> */
  name: z.optional(ConfigurationName),
  /** The Microsoft Teams team authorized once in the AWS Chatbot console. */
  teamId: guid('Microsoft Teams team id'),
  /** The Microsoft Entra tenant of the team. */
  tenantId: guid('Microsoft Entra tenant id'),
  /** The channel, URL-encoded as in the channel's link: 19%3a...%40thread.tacv2. */
  channelId: z
    .string({
      error: "expected the Teams channel id, URL-encoded as in the channel's link (19%3a...%40thread.tacv2)",
    })
    .check(
      z.maxLength(255, 'expected at most 255 characters'),
      z.regex(
        /^[A-Za-z0-9_=+/.,-]*%3[aA][A-Za-z0-9_=+/.,-]*%40[A-Za-z0-9_=+/.,-]*$/,
        "expected a Teams channel id URL-encoded as in the channel's link, such as 19%3aAbCd...%40thread.tacv2",
      ),
    ),
});

export const CHAT_VERDICTS = ['PASS', 'FAIL', 'ERROR'] as const;

export const ChatbotSchema = z
  .strictObject(
    {
      /** Slack channels the events go to. @default none */
      slack: z._default(
        z
          .array(SlackChannel, {
            error: 'expected a list of Slack channels: [{ "workspaceId": "T…", "channelId": "C…" }]',
          })
          .check(z.maxLength(10, 'expected at most 10 Slack channels')),
        [],
      ),
      /** Microsoft Teams channels the events go to. @default none */
      teams: z._default(
        z
          .array(TeamsChannel, {
            error:
              'expected a list of Teams channels: [{ "teamId": "…", "tenantId": "…", "channelId": "19%3a…" }]',
          })
          .check(z.maxLength(10, 'expected at most 10 Teams channels')),
        [],
      ),
      /** The events sent. @default every Preflight detail type */
      detailTypes: z.optional(
        z
          .array(z.enum(EVERY_DETAIL_TYPE))
          .check(z.minLength(1, 'expected at least one detail type (leave the key out for every one)')),
      ),
      /** Only these services' events (the quarterly review, about every service, is not filtered). @default every service */
      services: z.optional(
        z
          .array(z.string().check(z.regex(SERVICE_NAME, SERVICE_NAME_HINT)))
          .check(z.minLength(1, 'expected at least one service (leave the key out for every one)')),
      ),
      /** Only these environments' events (not the quarterly review's). @default every environment */
      environments: z.optional(
        z
          .array(z.string().check(z.regex(ENVIRONMENT_NAME, ENVIRONMENT_NAME_HINT)))
          .check(z.minLength(1, 'expected at least one environment (leave the key out for every one)')),
      ),
      /** Only events of these verdicts (not the quarterly review's, which has none). @default every verdict */
      verdicts: z.optional(
        z
          .array(z.enum(CHAT_VERDICTS))
          .check(z.minLength(1, 'expected at least one verdict (leave the key out for every one)')),
      ),
      /** What AWS Chatbot logs to CloudWatch Logs (in us-east-1) about its deliveries. */
      loggingLevel: z._default(z.enum(['ERROR', 'INFO', 'NONE']), 'ERROR'),
    },
    {
      // Only a value that is not an object at all; unknown keys keep the message naming the known ones.
      error: (issue) =>
        issue.code === 'invalid_type'
          ? 'expected { "slack": [...], "teams": [...] } (see docs/events.md)'
          : undefined,
    },
  )
  .check(
    z.superRefine((chatbot, ctx) => {
      if (chatbot.slack.length + chatbot.teams.length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: [],
          input: chatbot,
          message: 'expected at least one channel: slack or teams',
        });
      }
      const seen = new Set<string>();
      for (const kind of ['slack', 'teams'] as const) {
        chatbot[kind].forEach((channel, index) => {
          if (channel.name === undefined) return;
          if (seen.has(channel.name)) {
            ctx.addIssue({
              code: 'custom',
              path: [kind, index, 'name'],
              input: channel.name,
              message: 'expected a name used once: channel configuration names are unique in the account',
            });
          }
          seen.add(channel.name);
        });
      }
    }),
  );

export type ChatbotSettings = z.output<typeof ChatbotSchema>;
