/*
 * JSON.parse keeps the last of two equal keys in one object and drops the first without a word: a
 * configuration with `environments.prod` written twice would gate against whichever came last. This
 * scanner walks text JSON.parse already accepted and names every key an object holds more than once.
 */

/** A key written twice in one object: its dotted path (as configuration problems name keys) and lines. */
export interface DuplicateKey {
  readonly key: string;
  readonly firstLine: number;
  readonly line: number;
}

class Scanner {
  private at = 0;
  readonly found: DuplicateKey[] = [];

  constructor(private readonly text: string) {}

  /** Where each line break is, found once: a key's line is then a binary search, not a count from the start. */
  private breaks: number[] | undefined;

  private lineAt(index: number): number {
    if (this.breaks === undefined) {
      this.breaks = [];
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) this.breaks.push(i);
    }
    let low = 0;
    let high = this.breaks.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.breaks[middle] as number) < index) low = middle + 1;
      else high = middle;
    }
    return low + 1;
  }

  private skipSpace(): void {
    while (this.at < this.text.length && /\s/.test(this.text.charAt(this.at))) this.at += 1;
  }

  private readString(): string {
    const start = this.at;
    this.at += 1;
    while (this.text.charAt(this.at) !== '"') this.at += this.text.charAt(this.at) === '\\' ? 2 : 1;
    this.at += 1;
    return JSON.parse(this.text.slice(start, this.at)) as string;
  }

  value(path: string): void {
    this.skipSpace();
    const c = this.text.charAt(this.at);
    if (c === '{') this.object(path);
    else if (c === '[') this.array(path);
    else if (c === '"') this.readString();
    else while (this.at < this.text.length && !/[\s,\]}]/.test(this.text.charAt(this.at))) this.at += 1;
  }

  private object(path: string): void {
    this.at += 1;
    const seen = new Map<string, number>();
    this.skipSpace();
    if (this.text.charAt(this.at) === '}') {
      this.at += 1;
      return;
    }
    for (;;) {
      this.skipSpace();
      const keyStart = this.at;
      const key = this.readString();
      const full = path === '' ? key : `${path}.${key}`;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, keyStart);
      else this.found.push({ key: full, firstLine: this.lineAt(first), line: this.lineAt(keyStart) });
      this.skipSpace();
      this.at += 1; // ':'
      this.value(full);
      this.skipSpace();
      if (this.text.charAt(this.at++) === '}') return;
    }
  }

  private array(path: string): void {
    this.at += 1;
    this.skipSpace();
    if (this.text.charAt(this.at) === ']') {
      this.at += 1;
      return;
    }
    for (let index = 0; ; index += 1) {
      this.value(`${path === '' ? '' : `${path}.`}[${index}]`);
      this.skipSpace();
      if (this.text.charAt(this.at++) === ']') return;
    }
  }
}

/** Every key written twice in one object of `text`, which must be JSON that `JSON.parse` accepts. */
export function duplicateKeys(text: string): DuplicateKey[] {
  const scanner = new Scanner(text);
  scanner.value('');
  return scanner.found;
}
