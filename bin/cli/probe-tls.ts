import { type Command, InvalidArgumentError } from 'commander';
import { EndpointAddressError, parseEndpointAddress } from '../../lambdas/core/checks/tls/endpoint-address';
import { lazyAction } from './lazy';

/** The defaults of `checks.tls-endpoints`, which the probe's flags stand for (a test holds them equal). */
export const TLS_DEFAULTS = { warnDays: 30, failDays: 7, timeoutMs: 5000 } as const;

/** `HOST`, `HOST:PORT`, `[IPv6]:PORT`, a bare IPv6 address or `https://HOST[:PORT]`; the port defaults to 443. */
export function parseTarget(value: string): { host: string; port: number } {
  try {
    return parseEndpointAddress(value);
  } catch (error) {
    if (!(error instanceof EndpointAddressError)) throw error;
    throw new InvalidArgumentError(`expected HOST or HOST:PORT: ${error.message}.`);
  }
}

/** `preflight probe-tls HOST[:PORT]`: one handshake, judged by the rules of the tls-endpoints check. */
export function registerProbeTls(program: Command): void {
  program
    .command('probe-tls')
    .description(
      'Probe one TLS endpoint: trust, hostname, expiry, protocol, key, signatures (exit 0 pass/warn, 1 fail, 2 error)',
    )
    .argument('<target>', 'HOST[:PORT] or https://HOST[:PORT] (port 443 by default)', parseTarget)
    .option('--servername <name>', 'SNI name the certificate must match (default: HOST)')
    .option('--ca-file <pem>', 'PEM bundle of extra trusted CAs, added to the system roots')
    .option('--warn-days <n>', 'warn when the chain expires within N days', String(TLS_DEFAULTS.warnDays))
    .option('--fail-days <n>', 'fail when the chain expires within N days', String(TLS_DEFAULTS.failDays))
    .option('--timeout <ms>', 'connect and handshake timeout', String(TLS_DEFAULTS.timeoutMs))
    .option('--json', 'print one JSON object')
    .action(lazyAction(() => import('./actions/probe-tls').then((m) => m.runProbeTlsCommand)));
}
