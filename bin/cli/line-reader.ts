import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/** A line longer than the reader allows; `lineNumber` counts from 1. */
export class LineTooLongError extends Error {
  override readonly name = 'LineTooLongError';
  constructor(
    readonly lineNumber: number,
    readonly maxChars: number,
  ) {
    super(`line ${lineNumber} is longer than ${maxChars} characters`);
  }
}

const CHUNK_BYTES = 64 * 1024;

/**
 * Calls `onLine` for every line of a UTF-8 file (`\n` or `\r\n`), numbered from 1, reading 64 KiB at
 * a time: memory stays bounded by one chunk and one line, whatever the file's size.
 * @throws LineTooLongError as soon as a line passes `maxChars`, before it is read whole.
 */
export function forEachLine(
  file: string,
  maxChars: number,
  onLine: (line: string, lineNumber: number) => void,
): void {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(CHUNK_BYTES);
    const decoder = new StringDecoder('utf8');
    let pending = '';
    let lineNumber = 0;
    const emit = (line: string) => {
      lineNumber += 1;
      if (line.length > maxChars + 1) throw new LineTooLongError(lineNumber, maxChars);
      onLine(line.endsWith('\r') ? line.slice(0, -1) : line, lineNumber);
    };
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) {
      pending += decoder.write(buffer.subarray(0, read));
      let start = 0;
      for (let newline = pending.indexOf('\n'); newline !== -1; newline = pending.indexOf('\n', start)) {
        emit(pending.slice(start, newline));
        start = newline + 1;
      }
      pending = pending.slice(start);
      if (pending.length > maxChars + 1) throw new LineTooLongError(lineNumber + 1, maxChars);
    }
    pending += decoder.end();
    if (pending !== '') emit(pending);
  } finally {
    closeSync(fd);
  }
}
