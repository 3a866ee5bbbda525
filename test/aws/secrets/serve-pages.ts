/**
 * Serves `pages` one per call and records each input as it was sent. SDK paginators reuse and
 * mutate one input object between pages, so the mock's own call log would show every call with
 * the last page's token.
 */
export function servePages(pages: readonly object[]): {
  readonly sent: Record<string, unknown>[];
  readonly reply: (input: object) => object;
} {
  const sent: Record<string, unknown>[] = [];
  return {
    sent,
    reply(input) {
      sent.push({ ...input });
      const page = pages[sent.length - 1];
      if (page === undefined) throw new Error(`no page scripted for call ${sent.length}`);
      return page;
    },
  };
}
