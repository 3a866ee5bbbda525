/*
 * A trigger's value: arithmetic over metric ids, e.g. `errors / requests` or `(a + b) * 100`.
 * Numbers, metric ids, + - * /, unary minus and parentheses; nothing else, so a configuration
 * cannot run code. Metric ids follow CloudWatch's GetMetricData rule (a lower-case letter, then
 * letters, digits or underscores), so the adapter can use them as query ids unchanged.
 */

/** A metric id as CloudWatch's GetMetricData accepts it. */
export const METRIC_ID = /^[a-z][a-zA-Z0-9_]*$/;

/** The expression does not parse. */
export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';
}

type Node =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'metric'; readonly id: string }
  | { readonly kind: 'negate'; readonly operand: Node }
  | {
      readonly kind: 'binary';
      readonly op: '+' | '-' | '*' | '/';
      readonly left: Node;
      readonly right: Node;
    };

const TOKEN = /\s*(?:(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|([-+*/()]))/y;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (match === null) {
      if (text.slice(at).trim() === '') break;
      throw new ExpressionError(`unexpected "${text.slice(at).trim().slice(0, 10)}" at character ${at + 1}`);
    }
    tokens.push(match[1] ?? match[2] ?? match[3] ?? '');
  }
  return tokens;
}

class Parser {
  private index = 0;
  constructor(private readonly tokens: readonly string[]) {}

  parse(): Node {
    if (this.tokens.length === 0) throw new ExpressionError('empty expression');
    const node = this.sum();
    const rest = this.tokens[this.index];
    if (rest !== undefined) throw new ExpressionError(`unexpected "${rest}"`);
    return node;
  }

  private sum(): Node {
    let node = this.product();
    for (let op = this.peek(); op === '+' || op === '-'; op = this.peek()) {
      this.index += 1;
      node = { kind: 'binary', op, left: node, right: this.product() };
    }
    return node;
  }

  private product(): Node {
    let node = this.unary();
    for (let op = this.peek(); op === '*' || op === '/'; op = this.peek()) {
      this.index += 1;
      node = { kind: 'binary', op, left: node, right: this.unary() };
    }
    return node;
  }

  private unary(): Node {
    if (this.peek() === '-') {
      this.index += 1;
      return { kind: 'negate', operand: this.unary() };
    }
    return this.atom();
  }

  private atom(): Node {
    const token = this.tokens[this.index];
    this.index += 1;
    if (token === undefined) throw new ExpressionError('unexpected end of expression');
    if (token === '(') {
      const node = this.sum();
      if (this.tokens[this.index] !== ')') throw new ExpressionError('missing ")"');
      this.index += 1;
      return node;
    }
    if (/^\d/.test(token)) return { kind: 'number', value: Number(token) };
    if (METRIC_ID.test(token)) return { kind: 'metric', id: token };
    throw new ExpressionError(
      /^[A-Za-z_]/.test(token)
        ? `"${token}" is not a metric id (a lower-case letter, then letters, digits or _)`
        : `unexpected "${token}"`,
    );
  }

  private peek(): string | undefined {
    return this.tokens[this.index];
  }
}

const cache = new Map<string, Node>();

function compile(text: string): Node {
  let node = cache.get(text);
  if (node === undefined) {
    node = new Parser(tokenize(text)).parse();
    cache.set(text, node);
  }
  return node;
}

function collect(node: Node, into: Set<string>): void {
  if (node.kind === 'metric') into.add(node.id);
  else if (node.kind === 'negate') collect(node.operand, into);
  else if (node.kind === 'binary') {
    collect(node.left, into);
    collect(node.right, into);
  }
}

/**
 * The metric ids an expression uses, in order of first use.
 * @throws ExpressionError when it does not parse.
 */
export function metricIdsOf(expression: string): string[] {
  const ids = new Set<string>();
  collect(compile(expression), ids);
  return [...ids];
}

/**
 * The expression's value, or `undefined` when a metric it uses has no value.
 * Division by zero gives a non-finite number: callers treat it as not eligible, never as a value.
 * @throws ExpressionError when it does not parse.
 */
export function evaluateExpression(
  expression: string,
  values: Readonly<Record<string, number | undefined>>,
): number | undefined {
  const run = (node: Node): number | undefined => {
    switch (node.kind) {
      case 'number':
        return node.value;
      case 'metric':
        return values[node.id];
      case 'negate': {
        const v = run(node.operand);
        return v === undefined ? undefined : -v;
      }
      case 'binary': {
        const a = run(node.left);
        const b = run(node.right);
        if (a === undefined || b === undefined) return undefined;
        if (node.op === '+') return a + b;
        if (node.op === '-') return a - b;
        if (node.op === '*') return a * b;
        return a / b;
      }
    }
  };
  return run(compile(expression));
}
