import type { Command } from 'commander';

/** `preflight probe-tls HOST[:PORT]`: filled in by the TLS checks. */
export function registerProbeTls(program: Command): void {
  program.command('probe-tls').description('Probe a TLS endpoint (not yet available)');
}
