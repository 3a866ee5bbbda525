/**
 * One judgement of a CORS origin pattern, shared by the bucket, HTTP API and function URL rules so
 * that the same origin is judged alike wherever it is allowed.
 */

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
 * An origin pattern that admits any site: `*`, a wildcard host of any scheme (`https://*`,
 * `http://*`, `*://*`, `https://*:443`), a host of wildcards and dots only (`https://*.*`), or a
 * wildcard directly under one label (`https://*.com`: anyone can register a name there). Case and
 * surrounding spaces do not change the answer.
 */
export function matchesAnySite(origin: string): boolean {
  const host = hostOf(origin);
  if (!host.includes('*')) return false;
  if (/^[*.]+$/.test(host)) return true;
  return /^\*\.[^.*]+\.?$/.test(host);
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
