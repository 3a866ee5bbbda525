/** A titled table of cells, rendered as Markdown and as aligned text for the console. */
export interface Section {
  readonly title: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly notes?: readonly string[];
}

const escapeCell = (cell: string) => cell.replace(/\|/g, '\\|');

export function toMarkdown(sections: readonly Section[], preamble: readonly string[]): string {
  const parts = [...preamble, ''];
  for (const section of sections) {
    parts.push(`## ${section.title}`, '');
    parts.push(`| ${section.header.map(escapeCell).join(' | ')} |`);
    parts.push(`| ${section.header.map(() => '---').join(' | ')} |`);
    for (const row of section.rows) parts.push(`| ${row.map(escapeCell).join(' | ')} |`);
    parts.push('');
    for (const note of section.notes ?? []) parts.push(`- ${note}`);
    if (section.notes?.length) parts.push('');
  }
  return `${parts.join('\n')}\n`;
}

export function toText(sections: readonly Section[]): string {
  const out: string[] = [];
  for (const section of sections) {
    const widths = section.header.map((h, i) =>
      Math.max(h.length, ...section.rows.map((r) => (r[i] ?? '').length)),
    );
    const line = (cells: readonly string[]) =>
      cells
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd();
    out.push(`\n${section.title}`, line(section.header), line(widths.map((w) => '-'.repeat(w))));
    for (const row of section.rows) out.push(line(row));
  }
  return `${out.join('\n')}\n`;
}
