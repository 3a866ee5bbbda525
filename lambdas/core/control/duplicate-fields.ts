/*
 * JSON.parse keeps the last of two equal keys and drops the first without a word, so a control body
 * `{"approved": false, …, "approved": true}` reads as a rejection where it is read first (a reviewer,
 * a proxy's log) and is recorded as an approval. A control request is one flat object, so only its
 * own fields are looked at: one pass over the text, without recursion (a body may nest as deep as a
 * function URL's 6 MB allow), strings skipped whole, escapes included.
 */

/** The fields the top-level object of `text` (JSON that `JSON.parse` accepted) holds more than once. */
export function fieldsWrittenTwice(text: string): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  let depth = 0;
  let topIsObject = false;
  let expectKey = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      let end = i + 1;
      while (end < text.length && text.charCodeAt(end) !== 34) end += text.charCodeAt(end) === 92 ? 2 : 1;
      if (depth === 1 && topIsObject && expectKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        (seen.has(key) ? twice : seen).add(key);
        expectKey = false;
      }
      i = end;
    } else if (c === 123 || c === 91) {
      depth += 1;
      if (depth === 1) {
        topIsObject = c === 123;
        expectKey = topIsObject;
      }
    } else if (c === 125 || c === 93) depth -= 1;
    else if (c === 44 && depth === 1) expectKey = topIsObject;
  }
  return [...twice];
}
