import { type Command, InvalidArgumentError } from 'commander';
import { lazyAction } from './lazy';

/** The defaults of `checks.tls-endpoints`, which the probe's flags stand for (a test holds them equal). */
export const TLS_DEFAULTS = { warnDays: 30, failDays: 7, timeoutMs: 5000 } as const;

/** A name a TLS server could be reached by or present: no spaces or control characters, at most 253. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
export const HOST_NAME = /^[^\s\u0000-\u001f\u007f-\u009f]{1,253}$/;

/** `HOST`, `HOST:PORT`, `[IPv6]:PORT` or a bare IPv6 address; the port defaults to 443. */
export function parseTarget(value: string): { host: string; port: number } {
  const match = /^\[([^\]]+)\](?::(.*))?$/.exec(value) ?? /^([^:]+)(?::(.*))?$/.exec(value);
  const [host, port] = match === null ? [value, undefined] : [match[1] ?? '', match[2]];
  if (!HOST_NAME.test(host)) throw new InvalidArgumentError('expected HOST or HOST:PORT.');
  if (port === undefined) return { host, port: 443 };
  const n = Number(port);
  if (!/^\d+$/.test(port) || n < 1 || n > 65535) {
    throw new InvalidArgumentError(`port "${port}" is not a number from 1 to 65535.`);
  }
  return { host, port: n };
}

/** `preflight probe-tls HOST[:PORT]`: one handshake, judged by the rules of the tls-endpoints check. */
export function registerProbeTls(program: Command): void {
  program
    .command('probe-tls')
    .description(
      'Probe one TLS endpoint: trust, hostname, expiry, protocol, key, signatures (exit 0 pass/warn, 1 fail, 2 error)',
    )
    .argument('<target>', 'HOST[:PORT] (port 443 by default)', parseTarget)
    .option('--servername <name>', 'SNI name the certificate must match (default: HOST)')
    .option('--ca-file <pem>', 'PEM bundle of extra trusted CAs, added to the system roots')
    .option('--warn-days <n>', 'warn when the chain expires within N days', String(TLS_DEFAULTS.warnDays))
    .option('--fail-days <n>', 'fail when the chain expires within N days', String(TLS_DEFAULTS.failDays))
    .option('--timeout <ms>', 'connect and handshake timeout', String(TLS_DEFAULTS.timeoutMs))
    .option('--json', 'print one JSON object')
    .action(lazyAction(() => import('./actions/probe-tls').then((m) => m.runProbeTlsCommand)));
}
