/**
 * Which domains anyone can register names under, from the Public Suffix List (publicsuffix.org,
 * MPL-2.0; ICANN and private sections), as packaged by `tldts` (pinned). A CORS wildcard whose fixed
 * part is such a domain (`*.co.uk`, `*.github.io`), or lies above one (`*.amazonaws.com` covers
 * every `bucket.s3.amazonaws.com`), admits sites of many owners: any site.
 */
import type * as Tldts from 'tldts';
// The list itself, as tldts ships it: a flat trie of labels read right to left (one node per label,
// `nodeFlags` non-zero where a rule ends). tldts answers "what is the suffix of this name" only; the
// question here is "does a suffix lie at or below this name", so the trie is walked directly. A
// layout this code does not recognise makes `suffixAtOrBelow` answer true (any site), never false.
// Its types are published beside it (dist/types); the code is read from the ES module build, which
// is the one the bundles hold (esbuild's mainFields prefer `module`), so the list is bundled once.
import type * as Trie from 'tldts/dist/types/src/data/trie';

interface PublicSuffixList {
  readonly getPublicSuffix: typeof Tldts.getPublicSuffix;
  readonly trie: typeof Trie;
  /** Where each edge's label starts in `labelText`. */
  readonly offsets: Uint32Array;
}

let loaded: PublicSuffixList | undefined;

/** Edges are stored in order and their labels back to back: each starts where the previous ends. */
function edgeOffsets({ edgeLength }: typeof Trie): Uint32Array {
  const offsets = new Uint32Array(edgeLength.length);
  for (let edge = 1; edge < edgeLength.length; edge++) {
    offsets[edge] = (offsets[edge - 1] ?? 0) + (edgeLength[edge - 1] ?? 0);
  }
  return offsets;
}

/**
 * The list, loaded on first use: it is about 130 KiB of the CORS function's bundle, and most
 * audits meet no wildcard origin, so a cold start does not pay for reading it.
 */
function list(): PublicSuffixList {
  if (loaded === undefined) {
    const trie: typeof Trie = require('tldts/dist/es6/src/data/trie.js');
    const { getPublicSuffix }: typeof Tldts = require('tldts');
    loaded = { getPublicSuffix, trie, offsets: edgeOffsets(trie) };
  }
  return loaded;
}

function child({ trie, offsets }: PublicSuffixList, node: number, label: string): number | undefined {
  for (let edge = trie.edgeStart[node] ?? 0; edge < (trie.edgeStart[node + 1] ?? 0); edge++) {
    if (trie.edgeLength[edge] === label.length && trie.labelText.startsWith(label, offsets[edge])) {
      return trie.edgeChild[edge];
    }
  }
  return undefined;
}

function anyRuleFrom(trie: typeof Trie, node: number, depth = 0): boolean {
  if ((trie.nodeFlags[node] ?? 0) !== 0) return true;
  // The list is a few labels deep; the bound only guards against a layout this code misreads.
  if (depth > 16) return true;
  for (let edge = trie.edgeStart[node] ?? 0; edge < (trie.edgeStart[node + 1] ?? 0); edge++) {
    const next = trie.edgeChild[edge];
    if (next === undefined || anyRuleFrom(trie, next, depth + 1)) return true;
  }
  return false;
}

/** A rule of the list ends at `domain` or below it (`amazonaws.com`: `s3.amazonaws.com` and more). */
function suffixAtOrBelow(domain: string): boolean {
  const psl = list();
  const { nodeFlags, edgeStart, rulesRoot } = psl.trie;
  if (nodeFlags.length === 0 || edgeStart.length !== nodeFlags.length + 1) return true;
  let node: number | undefined = rulesRoot;
  for (const label of domain.split('.').reverse()) {
    node = child(psl, node, label);
    if (node === undefined) return false;
  }
  return anyRuleFrom(psl.trie, node);
}

/**
 * Whether names under `domain` (lower case, no trailing dot) can belong to anyone: it is a public
 * suffix itself (a top-level label the list does not know counts as one, as the list's default
 * rule says; so do names under its wildcard rules), or one lies below it. `example.co.uk` and
 * `shop.github.io` are registered names: their owner's.
 */
export function isOpenToAnyone(domain: string): boolean {
  if (domain === '') return true;
  return list().getPublicSuffix(domain, { allowPrivateDomains: true }) === domain || suffixAtOrBelow(domain);
}
