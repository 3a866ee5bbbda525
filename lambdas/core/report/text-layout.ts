/*
 * Plain-text layout for reports read in a terminal: lines wrapped to a width with a hanging indent,
 * and an optional style (colour) for status words and headings. A style may add escape codes, so
 * widths are measured on the visible text only.
 */

/** How status words and headings are shown; `PLAIN` adds nothing. */
export interface TextStyle {
  /** A status word: PASS, WARN, FAIL, ERROR, SKIPPED, NOT_RUN, or a verdict. */
  readonly status: (text: string, status: string) => string;
  /** A heading: a section title, the verdict line. */
  readonly strong: (text: string) => string;
  /** Secondary text: fixes, resources, counts of passing findings. */
  readonly dim: (text: string) => string;
}

const same = (text: string) => text;

export const PLAIN: TextStyle = { status: same, strong: same, dim: same };

/** How a text report is laid out. */
export interface TextLayout {
  /** Columns to wrap to. @default no wrapping */
  readonly width?: number;
  /** @default PLAIN */
  readonly style?: TextStyle;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matches the escape codes a style adds
const ESCAPES = /\u001b\[[0-9;]*m/g;

/** The width of `text` on screen: escape codes take no room. */
export function visibleLength(text: string): number {
  return text.replace(ESCAPES, '').length;
}

/** Where to cut a word to fit `room` columns: after the last `/` or `:` that keeps half the room, else at the room. */
function cutAt(word: string, room: number): number {
  const head = word.slice(0, room);
  const separator = Math.max(head.lastIndexOf('/'), head.lastIndexOf(':')) + 1;
  return separator >= room / 2 ? separator : room;
}

/**
 * `text` after `lead` on the first line, wrapped at spaces to `width` columns; every further line
 * starts with `indent` spaces. A word too long for the room left (an ARN) starts the next line; one
 * too long for any line is cut across lines rather than run past the width. Without a finite width,
 * one line. Escape codes take no room; a word long enough to be cut must carry none.
 */
export function wrap(lead: string, text: string, width: number | undefined, indent: number): string[] {
  if (width === undefined || !Number.isFinite(width)) return [`${lead}${text}`];
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  let line = lead;
  let used = visibleLength(lead);
  let empty = true;
  const breakLine = () => {
    lines.push(line.trimEnd());
    line = pad;
    used = indent;
    empty = true;
  };
  for (const token of text.split(' ')) {
    let word = token;
    if (word === '' && empty) continue;
    const needed = (empty ? 0 : 1) + visibleLength(word);
    if (used + needed <= width) {
      line += empty ? word : ` ${word}`;
      used += needed;
      empty = false;
      continue;
    }
    // A word that fits a line of its own starts one rather than being cut after the lead.
    if (!empty || (used > indent && indent + visibleLength(word) <= width)) breakLine();
    while (used + visibleLength(word) > width) {
      const take = cutAt(word, Math.max(1, width - used));
      line += word.slice(0, take);
      word = word.slice(take);
      breakLine();
    }
    if (word !== '') {
      line += word;
      used += visibleLength(word);
      empty = false;
    }
  }
  lines.push(line.trimEnd());
  return lines;
}
