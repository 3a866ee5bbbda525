/*
 * The address of a TLS endpoint as people write it: `HOST`, `HOST:PORT`, `[IPv6]:PORT` or a bare IPv6
 * address. A host is a DNS name or an IP address and nothing else: a URL, user information, a path or
 * a wildcard pasted where a host belongs is refused with what to write instead, never probed as a name.
 */

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
/** One DNS label: letters (any script), digits, `_` and inner `-`, at most 63 characters. */
const LABEL = /^[\p{L}\p{N}_](?:[\p{L}\p{N}_-]{0,61}[\p{L}\p{N}_])?$/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const UNPRINTABLE = /[\s\u0000-\u001f\u007f-\u009f]/;

/** A host or address that cannot be probed; the message says what is wrong and what to write. */
export class EndpointAddressError extends Error {
  override readonly name = 'EndpointAddressError';
}

/** Whether `text` is an IPv6 address (without brackets). */
export function isIpv6(text: string): boolean {
  if (!text.includes(':') || !/^[\d.:a-f]+$/i.test(text)) return false;
  try {
    new URL(`http://[${text}]/`);
    return true;
  } catch {
    return false;
  }
}

/** Whether `text` is an IPv4 or IPv6 address. */
export function isIpAddress(text: string): boolean {
  return IPV4.test(text) || isIpv6(text);
}

/** `[2001:db8::1]` as `2001:db8::1`; anything else as given. */
export function unbracketedIpv6(host: string): string {
  const inner = /^\[([^\]]*)\]$/.exec(host)?.[1];
  return inner !== undefined && isIpv6(inner) ? inner : host;
}

/** Why `host` is not a DNS name or IP address a TLS client could connect to, or `null` when it is. */
export function hostProblem(host: string): string | null {
  if (host === '') return 'the host is empty';
  if (UNPRINTABLE.test(host)) return 'a host has no spaces or control characters';
  if (host.includes('://')) return 'a URL is not a host: give the host name alone, e.g. api.example.com';
  if (host.includes('@')) return 'user information (user@) is not part of a host';
  if (/[/?#]/.test(host)) return 'a path or query is not part of a host: give the host name alone';
  if (host.includes('*')) return 'a wildcard is not a host to connect to: name one host';
  if (isIpAddress(host)) return null;
  if (/^[^:]*:\d*$/.test(host)) return 'a port goes in "port", not in the host';
  const name = host.endsWith('.') ? host.slice(0, -1) : host;
  if (name.length > 253) return 'a host name has at most 253 characters';
  if (/^[\d.]+$/.test(name)) return 'not an IPv4 address (four numbers from 0 to 255)';
  if (!name.split('.').every((label) => LABEL.test(label))) {
    return 'expected a DNS name (labels of letters, digits and inner hyphens, at most 63 characters each, separated by dots) or an IP address';
  }
  return null;
}

function port(text: string): number {
  const n = Number(text);
  if (!/^\d{1,5}$/.test(text) || n < 1 || n > 65535) {
    throw new EndpointAddressError(`port "${text}" is not a number from 1 to 65535`);
  }
  return n;
}

function checked(host: string, portNumber: number): { host: string; port: number } {
  const problem = hostProblem(host);
  if (problem !== null) throw new EndpointAddressError(`host ${JSON.stringify(host)}: ${problem}`);
  return { host, port: portNumber };
}

/**
 * The endpoint of an `https://HOST[:PORT]` URL as copied from a browser (a trailing `/` allowed), port
 * 443 unless given. Anything more (another scheme, user information, a path, a query) is refused:
 * the probe would judge only the host and port, and the rest would be silently dropped.
 */
function httpsOrigin(value: string): { host: string; port: number } {
  const refuse = (why: string) =>
    new EndpointAddressError(
      `${JSON.stringify(value)} is a URL ${why}: give HOST or HOST:PORT, e.g. api.example.com:443 (or https://api.example.com:443)`,
    );
  const match = /^https:\/\/(\[[^\]]*\]|[^/?#@:]*)(?::([^/?#]*))?\/?$/i.exec(value);
  if (match === null) {
    throw refuse(
      /^https:\/\//i.test(value) ? 'with more than a host and port' : 'of another scheme than https',
    );
  }
  const [, host = '', portText] = match;
  return checked(unbracketedIpv6(host), portText === undefined ? 443 : port(portText));
}

/**
 * Reads `HOST`, `HOST:PORT`, `[IPv6]`, `[IPv6]:PORT`, a bare IPv6 address (which cannot carry a
 * port) or `https://HOST[:PORT]`; the port defaults to `defaultPort` (443 for a URL).
 * @throws EndpointAddressError naming what is wrong.
 */
export function parseEndpointAddress(value: string, defaultPort = 443): { host: string; port: number } {
  if (value.includes('://')) return httpsOrigin(value);
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(value);
  if (bracketed !== null) {
    const [, host = '', portText] = bracketed;
    if (!isIpv6(host)) {
      throw new EndpointAddressError(`[${host}]: brackets hold an IPv6 address, e.g. [2001:db8::1]:443`);
    }
    return checked(host, portText === undefined ? defaultPort : port(portText));
  }
  if (isIpv6(value)) return { host: value, port: defaultPort };
  const colon = value.lastIndexOf(':');
  if (colon === -1) return checked(value, defaultPort);
  const host = value.slice(0, colon);
  if (host.includes(':')) {
    throw new EndpointAddressError(
      /^[\d.:a-f]+$/i.test(host)
        ? `${JSON.stringify(value)}: an IPv6 address with a port is written in brackets, e.g. [2001:db8::1]:443`
        : `${JSON.stringify(value)}: more than one ":"; expected HOST:PORT, e.g. api.example.com:443`,
    );
  }
  return checked(host, port(value.slice(colon + 1)));
}
