import { closeSync, openSync, readSync } from 'node:fs';

/*
 * Files a user names (the configuration, a history export) are read whole and parsed, so what they
 * may hold is bounded before it is in memory: `--config /dev/zero` or a mistyped multi-gigabyte file
 * would otherwise fill the machine's memory before anything could say what was wrong, and JSON nested
 * a hundred thousand levels deep overflows the stack of the code that walks it.
 */

/** The file holds more than its bound; nothing past the bound was read. */
export class FileTooLargeError extends Error {
  override readonly name = 'FileTooLargeError';
}

const CHUNK = 64 * 1024;

/**
 * The UTF-8 text of `file`, read in chunks and never more than `maxBytes` of it: a regular file, a
 * pipe (`--config <(...)`) or a device alike.
 * @throws FileTooLargeError when it holds more than `maxBytes`; the file system's own error otherwise
 *   (a missing file, a directory).
 */
export function readBoundedText(file: string, maxBytes: number): string {
  const fd = openSync(file, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(CHUNK, maxBytes + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total > maxBytes) {
        throw new FileTooLargeError(`it holds more than ${formatBytes(maxBytes)}`);
      }
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** `1 MiB`, `128 MiB`, `512 KiB`. */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${bytes / 1024} KiB`;
}

/** Where JSON text first nests deeper than allowed. */
export interface DeepNesting {
  readonly line: number;
  readonly depth: number;
}

/**
 * The first place `text` (JSON) opens an object or array deeper than `maxDepth`, or undefined. A
 * plain scan, without recursion, so it is safe on any input; strings are skipped, escapes included.
 */
export function deepNesting(text: string, maxDepth: number): DeepNesting | undefined {
  let depth = 0;
  let line = 1;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 10) line += 1;
    if (inString) {
      if (c === 92) i += 1;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      depth += 1;
      if (depth > maxDepth) return { line, depth };
    } else if (c === 125 || c === 93) depth -= 1;
  }
  return undefined;
}
