/*
 * Further shared state that modules of the test support keep for the whole process (e.g. the
 * synthesized stacks `synthPreflight` shares): each check names what a file changed, and forgets it,
 * so only that file is held to it. Kept apart from the guard, which imports vitest, so that the
 * benches can use the harness outside a test run.
 */
const moduleChecks = new Set<() => string[]>();

/** Adds a check run after every file of the pure and shared projects. */
export function registerSharedStateCheck(check: () => string[]): void {
  moduleChecks.add(check);
}

/** What each registered check says a file changed. */
export function moduleStateChanges(): string[] {
  return [...moduleChecks].flatMap((check) => check());
}
