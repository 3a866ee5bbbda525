/*
 * "Did you mean": the closest known name to a misspelled one, so an error message can point at the
 * fix. Only close names are suggested; a far-fetched guess would mislead more than it helps.
 */

/** Edits (insert, delete, substitute) that turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitute = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitute));
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/** The known name closest to `value`, when it is close enough to be the one meant. */
export function closestName(value: string, known: Iterable<string>): string | undefined {
  const needle = value.toLowerCase();
  const limit = Math.max(2, Math.floor(needle.length * 0.4));
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(needle, name.toLowerCase());
    if (distance <= limit && (best === undefined || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** `; did you mean "x"?` when a close name exists, else nothing: for the end of an error message. */
export function didYouMean(value: string, known: Iterable<string>): string {
  const name = closestName(value, known);
  return name === undefined ? '' : `; did you mean "${name}"?`;
}
