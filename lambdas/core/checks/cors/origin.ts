/**
 * One judgement of a CORS origin pattern, shared by the bucket, HTTP API and function URL rules so
 * that the same origin is judged alike wherever it is allowed.
 */
import { isOpenToAnyone } from './public-suffix';

/**
 * The host part of an origin pattern (`https://*.example.com:8443/` gives `*.example.com`), lower
 * case; the whole pattern when it has no scheme (`*`).
 */
const hostOf = (origin: string): string =>
  origin
    .trim()
    .toLowerCase()
    .replace(/^[^/]*:\/\//, '')
    .replace(/\/.*$/, '')
    .replace(/:(\d+|\*)$/, '');

/**
 * The domain a wildcard host ends in: the labels after the one holding the last `*`
 * (`*.co.uk` and `app-*.co.uk` give `co.uk`, `*example.com` gives `com`), without a trailing dot;
 * empty when nothing fixed follows (`*`, `*.*`).
 */
function domainAfterWildcard(host: string): string {
  const rest = host.slice(host.lastIndexOf('*') + 1);
  const dot = rest.indexOf('.');
  return dot === -1 ? '' : rest.slice(dot + 1).replace(/\.$/, '');
}

/**
 * An origin pattern that admits any site: `*`, a wildcard host of any scheme (`https://*`,
 * `http://*`, `*://*`, `https://*:443`), or a wildcard whose fixed part is a domain anyone can
 * register names under, by the Public Suffix List: `https://*.com`, `https://*.co.uk`,
 * `https://*.github.io`, `https://app-*.github.io`, `https://*example.com` (matches
 * `evilexample.com`), and `https://*.amazonaws.com` (above `s3.amazonaws.com`). A wildcard under a
 * registered name (`https://*.example.co.uk`) is that owner's: a listed origin. The origin `null`
 * admits any site too: browsers send `Origin: null` from sandboxed iframes, `data:` and `file:`
 * pages and some redirects, so any page can make a request that carries it. Case, surrounding
 * spaces and a trailing dot do not change the answer.
 */
export function matchesAnySite(origin: string): boolean {
  if (origin.trim().toLowerCase() === 'null') return true;
  const host = hostOf(origin);
  if (!host.includes('*')) return false;
  return isOpenToAnyone(domainAfterWildcard(host));
}

/** An origin served without TLS (`http://…`): whoever is on the network path can act as it. */
export const isPlainHttp = (origin: string): boolean => /^http:\/\//i.test(origin.trim());

/** The origins that admit any site, as written (trimmed), in order, without repeats. */
export const anySiteOrigins = (origins: readonly string[]): string[] => [
  ...new Set(origins.filter(matchesAnySite).map((o) => o.trim())),
];

/** The plain-HTTP origins, as written (trimmed), in order, without repeats. */
export const plainHttpOrigins = (origins: readonly string[]): string[] => [
  ...new Set(origins.filter(isPlainHttp).map((o) => o.trim())),
];
