import { type Command, InvalidArgumentError } from 'commander';
import type { z } from 'zod';
import { probeTls } from '../../lambdas/aws/tls/probe';
import { buildProbeReport, type ProbeReport } from '../../lambdas/core/checks/tls/probe-report';
import { days, MAX_TIMEOUT_MS, wholeNumber } from '../../lambdas/core/config/bounds';
import { ConfigSchema } from '../../lambdas/core/config/schema';
import { EXIT } from './exit-codes';

interface ProbeTlsOptions {
  servername?: string;
  caFile?: string;
  warnDays: number;
  failDays: number;
  timeout: number;
  json?: boolean;
}

/** `HOST`, `HOST:PORT`, `[IPv6]:PORT` or a bare IPv6 address; the port defaults to 443. */
export function parseTarget(value: string): { host: string; port: number } {
  const match = /^\[([^\]]+)\](?::(.*))?$/.exec(value) ?? /^([^:]+)(?::(.*))?$/.exec(value);
  const [host, port] = match === null ? [value, undefined] : [match[1] ?? '', match[2]];
  if (host === '') throw new InvalidArgumentError('expected HOST or HOST:PORT.');
  if (port === undefined) return { host, port: 443 };
  const n = Number(port);
  if (!/^\d+$/.test(port) || n < 1 || n > 65535) {
    throw new InvalidArgumentError(`port "${port}" is not a number from 1 to 65535.`);
  }
  return { host, port: n };
}

/** A commander parser that holds a flag to the range of the configuration key it stands for. */
function integer(schema: z.ZodType<number>): (value: string) => number {
  return (value) => {
    const parsed = schema.safeParse(/^\d+$/.test(value) ? Number(value) : value);
    if (!parsed.success) throw new InvalidArgumentError(`${parsed.error.issues[0]?.message ?? 'invalid'}.`);
    return parsed.data;
  };
}

function renderText(report: ProbeReport): string {
  const address = `${report.host}:${report.port}${report.servername === report.host ? '' : ` (SNI ${report.servername})`}`;
  const lines = [`${report.status} ${address}`];
  if (report.error === null) {
    lines.push(
      `  protocol  ${report.protocol ?? 'unknown'}`,
      `  expires   ${report.notAfter} (${report.daysToExpiry} days)`,
      `  trusted   ${report.chainTrusted ? 'yes' : `no (${report.trustError ?? 'unknown reason'})`}`,
      `  hostname  ${report.hostnameMatches ? 'matches' : 'does not match'} ${report.servername}`,
      `  key       ${report.keyType?.toUpperCase() ?? 'unknown'} ${report.keyBits ?? '?'} bits, ${report.signatureAlgorithm}`,
      `  subject   ${report.subject}`,
      `  issuer    ${report.issuer}`,
    );
  }
  for (const finding of report.findings.filter((f) => f.status !== 'PASS')) {
    lines.push(`  ${finding.status} ${finding.rule}: ${finding.message}`);
    if (finding.remediation !== undefined) lines.push(`    fix: ${finding.remediation}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `preflight probe-tls HOST[:PORT]`: one handshake, judged by the rules of the tls-endpoints check. */
export function registerProbeTls(program: Command): void {
  const defaults = ConfigSchema.parse({}).checks['tls-endpoints'];
  program
    .command('probe-tls')
    .description(
      'Probe one TLS endpoint: trust, hostname, expiry, protocol, key, signatures (exit 0 pass/warn, 1 fail, 2 error)',
    )
    .argument('<target>', 'HOST[:PORT] (port 443 by default)', parseTarget)
    .option('--servername <name>', 'SNI name the certificate must match (default: HOST)')
    .option('--ca-file <pem>', 'PEM bundle of extra trusted CAs, added to the system roots')
    .option(
      '--warn-days <n>',
      'warn when the chain expires within N days',
      integer(days()),
      defaults.warnDays,
    )
    .option(
      '--fail-days <n>',
      'fail when the chain expires within N days',
      integer(days(0)),
      defaults.failDays,
    )
    .option(
      '--timeout <ms>',
      'connect and handshake timeout',
      integer(wholeNumber('milliseconds', 100, MAX_TIMEOUT_MS)),
      defaults.timeoutMs,
    )
    .option('--json', 'print one JSON object')
    .action(async (target: { host: string; port: number }, options: ProbeTlsOptions, command: Command) => {
      if (options.failDays >= options.warnDays) {
        command.error(
          `error: --fail-days (${options.failDays}) must be less than --warn-days (${options.warnDays})`,
          {
            exitCode: EXIT.ERROR,
          },
        );
      }
      const probeTarget = {
        ...target,
        servername: options.servername ?? target.host,
        timeoutMs: options.timeout,
        ...(options.caFile === undefined ? {} : { caFile: options.caFile }),
      };
      const now = new Date();
      const result = await probeTls(probeTarget);
      const report = buildProbeReport(
        probeTarget,
        result,
        { warnDays: options.warnDays, failDays: options.failDays, minRsaBits: defaults.minRsaBits },
        now,
      );
      process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : renderText(report));
      process.exitCode =
        report.status === 'FAIL' ? EXIT.FAIL : report.status === 'ERROR' ? EXIT.ERROR : EXIT.PASS;
    });
}
