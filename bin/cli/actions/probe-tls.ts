import { probeTls } from '../../../lambdas/aws/tls/probe';
import { hostProblem } from '../../../lambdas/core/checks/tls/endpoint-address';
import { expiryWords } from '../../../lambdas/core/checks/tls/expiry';
import { buildProbeReport, type ProbeReport } from '../../../lambdas/core/checks/tls/probe-report';
import { days, MAX_TIMEOUT_MS, wholeNumber } from '../../../lambdas/core/config/bounds';
import { ConfigSchema } from '../../../lambdas/core/config/schema';
import type * as z from '../../../lambdas/core/zod';
import { EXIT } from '../exit-codes';
import { printable } from '../printable';
import { UsageError } from '../usage-error';

export interface ProbeTlsOptions {
  servername?: string;
  caFile?: string;
  warnDays: string;
  failDays: string;
  timeout: string;
  json?: boolean;
}

/** A flag held to the range of the configuration key it stands for. */
function integer(flag: string, value: string, schema: z.ZodMiniType<number>): number {
  const parsed = schema.safeParse(/^\d+$/.test(value) ? Number(value) : value);
  if (!parsed.success) {
    throw new UsageError(`${flag}: got "${value}"; ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
  }
  return parsed.data;
}

function renderText(report: ProbeReport): string {
  const host = report.host.includes(':') ? `[${report.host}]` : report.host;
  const address = `${host}:${report.port}${report.servername === report.host ? '' : ` (SNI ${report.servername})`}`;
  const lines = [`${report.status} ${address}`];
  // A handshake that did not finish may still have shown a certificate (`error` and a chain).
  if (report.chainTrusted !== null) {
    lines.push(
      `  protocol  ${report.protocol ?? 'unknown'}`,
      `  expires   ${report.notAfter} (${expiryWords(report.daysToExpiry ?? 0, report.expired ?? false)})`,
      `  trusted   ${report.chainTrusted ? 'yes' : `no (${report.trustError ?? 'unknown reason'})`}`,
      `  hostname  ${report.hostnameMatches ? 'matches' : 'does not match'} ${report.servername}`,
      `  key       ${report.keyType?.toUpperCase() ?? 'unknown'} ${report.keyCurve === null ? '' : `${report.keyCurve} `}${report.keyBits ?? '?'} bits, ${report.signatureAlgorithm}`,
      `  subject   ${report.subject}`,
      `  issuer    ${report.issuer}`,
    );
    if (report.clientCertificate !== null) {
      lines.push(`  client    certificate ${report.clientCertificate} (mutual TLS)`);
    }
  }
  for (const finding of report.findings.filter((f) => f.status !== 'PASS')) {
    lines.push(`  ${finding.status} ${finding.rule}: ${finding.message}`);
    if (finding.remediation !== undefined) lines.push(`    fix: ${finding.remediation}`);
  }
  // A certificate's names come from the server: shown, never interpreted by the terminal.
  return `${lines.map((line) => printable(line)).join('\n')}\n`;
}

/** Runs `preflight probe-tls`: the flags checked, one handshake, the tls-endpoints rules. */
export async function runProbeTlsCommand(
  target: { host: string; port: number },
  options: ProbeTlsOptions,
): Promise<void> {
  const warnDays = integer('--warn-days', options.warnDays, days());
  const failDays = integer('--fail-days', options.failDays, days(0));
  const timeoutMs = integer('--timeout', options.timeout, wholeNumber('milliseconds', 100, MAX_TIMEOUT_MS));
  if (failDays >= warnDays) {
    throw new UsageError(`--fail-days (${failDays}) must be less than --warn-days (${warnDays}).`);
  }
  if (options.servername !== undefined && hostProblem(options.servername) !== null) {
    throw new UsageError(
      `--servername: got ${JSON.stringify(options.servername)}; expected a host name such as api.example.com.`,
    );
  }
  const probeTarget = {
    ...target,
    servername: options.servername ?? target.host,
    timeoutMs,
    ...(options.caFile === undefined ? {} : { caFile: options.caFile }),
  };
  const now = new Date();
  const result = await probeTls(probeTarget);
  const { minRsaBits } = ConfigSchema.parse({}).checks['tls-endpoints'];
  const report = buildProbeReport(probeTarget, result, { warnDays, failDays, minRsaBits }, now);
  process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : renderText(report));
  process.exitCode =
    report.status === 'FAIL' ? EXIT.FAIL : report.status === 'ERROR' ? EXIT.ERROR : EXIT.PASS;
}
