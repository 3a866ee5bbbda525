import type { Json } from './account';

/*
 * Writing replies in the three wire protocols the audited services speak: AWS JSON 1.0/1.1
 * (Secrets Manager, ACM, SSM, DynamoDB, CloudWatch), REST-JSON (AWS Backup) and Query/XML
 * (RDS, SNS, IAM, STS). Dates are epoch seconds in JSON and ISO 8601 in XML, as AWS sends them.
 */

/** JSON text with every Date as epoch seconds. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, v) {
    const raw = this[key];
    return raw instanceof Date ? raw.getTime() / 1000 : v;
  });
}

/** Query-protocol list members are `<member>` unless the service names them (RDS does). */
const LIST_MEMBER: Readonly<Record<string, string>> = { DBInstances: 'DBInstance', DBClusters: 'DBCluster' };

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function xmlValue(name: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return `<${name}>${value.toISOString()}</${name}>`;
  if (Array.isArray(value)) {
    const member = LIST_MEMBER[name] ?? 'member';
    return `<${name}>${value.map((item) => xmlValue(member, item)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    const inner = Object.entries(value as Json)
      .map(([k, v]) => xmlValue(k, v))
      .join('');
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** A Query-protocol success: `<ActionResponse><ActionResult>...</ActionResult>...`. */
export function queryXml(action: string, result: Json, requestId: string): string {
  const members = Object.entries(result)
    .map(([k, v]) => xmlValue(k, v))
    .join('');
  return `<${action}Response><${action}Result>${members}</${action}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
}

/** EC2's own Query dialect: members at the top of `<ActionResponse>`, lists as `<item>`, camelCase names. */
function ec2Value(name: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return `<${name}>${value.toISOString()}</${name}>`;
  if (Array.isArray(value))
    return `<${name}>${value.map((item) => ec2Value('item', item)).join('')}</${name}>`;
  if (typeof value === 'object') {
    const inner = Object.entries(value as Json)
      .map(([k, v]) => ec2Value(k, v))
      .join('');
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** An EC2 success: `<ActionResponse><requestId/>...members...</ActionResponse>`. */
export function ec2Xml(action: string, result: Json, requestId: string): string {
  const members = Object.entries(result)
    .map(([k, v]) => ec2Value(k, v))
    .join('');
  return `<${action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>${requestId}</requestId>${members}</${action}Response>`;
}

/** An EC2 error, as the SDK parses it. */
export function ec2ErrorXml(code: string, message: string, requestId: string): string {
  return `<Response><Errors><Error><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`;
}

/** A Query-protocol error, as the SDK parses it (code, type, message). */
export function queryErrorXml(code: string, message: string, requestId: string): string {
  return `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
}
