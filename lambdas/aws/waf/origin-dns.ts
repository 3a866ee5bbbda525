import { Resolver } from 'node:dns/promises';
import type { OriginNames } from '../../core/checks/rate-limiting/distribution-ports';

/** CNAMEs followed at most: a longer chain is taken to lead nowhere. */
const MAX_CNAME_HOPS = 8;

const resolver = new Resolver({ timeout: 2000, tries: 2 });
const bare = (name: string) => name.replace(/\.$/, '').toLowerCase();

/**
 * What a CloudFront origin's custom domain name leads to in DNS: the names of its CNAME chain and its
 * IPv4 addresses (a Route 53 alias answers the load balancer's addresses without a CNAME). A name
 * DNS does not answer leads nowhere: empty, never an error (the load balancer keeps its own verdict).
 */
export async function originNames(domain: string): Promise<OriginNames> {
  const cnames: string[] = [];
  let name = bare(domain);
  for (let hop = 0; hop < MAX_CNAME_HOPS; hop++) {
    const next = await resolver.resolveCname(name).catch(() => [] as string[]);
    const target = next[0];
    if (target === undefined) break;
    name = bare(target);
    if (cnames.includes(name)) break;
    cnames.push(name);
  }
  const addresses = await resolver.resolve4(bare(domain)).catch(() => [] as string[]);
  return { cnames, addresses };
}
