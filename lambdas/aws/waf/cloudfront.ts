import { type CloudFrontClient, paginateListDistributions } from '@aws-sdk/client-cloudfront';
import { GetWebACLCommand, type WAFV2Client } from '@aws-sdk/client-wafv2';
import type { Distribution } from '../../core/checks/rate-limiting/distribution-ports';
import type { WebAcl } from '../../core/checks/rate-limiting/ports';
import { AwsCallError } from '../../core/errors';
import { callAws, collectPages } from '../call';
import { readEach } from '../each-resource';
import { required } from '../required';
import { toWebAcl } from './wafv2';

const LIST_DISTRIBUTIONS = 'cloudfront:ListDistributions';
const GET_WEB_ACL = 'wafv2:GetWebACL';

/** ListDistributions' largest page. */
export const DISTRIBUTIONS_PER_PAGE = 1000;

/** Every distribution of the account, the largest page at a time, every marker followed. */
export async function listDistributions(client: CloudFrontClient): Promise<Distribution[]> {
  const items = await collectPages(
    LIST_DISTRIBUTIONS,
    paginateListDistributions({ client, pageSize: DISTRIBUTIONS_PER_PAGE }, {}),
    (page) => page.DistributionList?.Items,
  );
  return readEach(
    LIST_DISTRIBUTIONS,
    items,
    (d) => ({ arn: d.ARN, names: [d.Id, d.DomainName] }),
    (d) => ({
      id: required(LIST_DISTRIBUTIONS, 'DistributionList.Items[].Id', d.Id),
      arn: required(LIST_DISTRIBUTIONS, 'DistributionList.Items[].ARN', d.ARN),
      domainName: required(LIST_DISTRIBUTIONS, 'DistributionList.Items[].DomainName', d.DomainName),
      aliases: d.Aliases?.Items ?? [],
      enabled: required(LIST_DISTRIBUTIONS, 'DistributionList.Items[].Enabled', d.Enabled),
      // CloudFront answers an empty string for a distribution without a web ACL.
      ...(d.WebACLId === undefined || d.WebACLId === '' ? {} : { webAclId: d.WebACLId }),
      originDomains: (d.Origins?.Items ?? []).flatMap((o) =>
        o.DomainName === undefined ? [] : [o.DomainName],
      ),
      originHeaders: Object.fromEntries(
        (d.Origins?.Items ?? []).flatMap((o) =>
          o.DomainName === undefined
            ? []
            : [
                [
                  o.DomainName.toLowerCase(),
                  (o.CustomHeaders?.Items ?? []).flatMap((h) =>
                    h.HeaderName === undefined || h.HeaderValue === undefined
                      ? []
                      : [{ name: h.HeaderName, value: h.HeaderValue }],
                  ),
                ],
              ],
        ),
      ),
    }),
  );
}

/** `arn:aws:wafv2:us-east-1:111122223333:global/webacl/<name>/<id>`: the name and id GetWebACL asks for. */
const CLOUDFRONT_ACL = /^arn:[^:]+:wafv2:us-east-1:\d{12}:global\/webacl\/([^/]+)\/([^/]+)$/;

/** A CLOUDFRONT-scope web ACL by its ARN (the client must reach us-east-1, where they live). */
export async function cloudFrontWebAcl(client: WAFV2Client, arn: string): Promise<WebAcl> {
  const parts = CLOUDFRONT_ACL.exec(arn);
  if (parts === null) {
    throw new AwsCallError(
      GET_WEB_ACL,
      'malformed-response',
      'UnexpectedWebAclArn',
      `a distribution names ${arn}, not a CLOUDFRONT-scope web ACL ARN (arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>)`,
    );
  }
  const answer = await callAws(GET_WEB_ACL, () =>
    client.send(new GetWebACLCommand({ Scope: 'CLOUDFRONT', Name: parts[1], Id: parts[2] })),
  );
  return toWebAcl(required(GET_WEB_ACL, 'WebACL', answer.WebACL), GET_WEB_ACL);
}
