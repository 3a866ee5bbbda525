import { afterAll } from 'vitest';
import {
  type SharedState,
  sharedStateChanges,
  sharedStateProblem,
  snapshotSharedState,
} from './support/shared-state-guard';

// The pure and shared projects' files share one process: each must leave it as it found it (vitest.config.mts).
// Recorded as this setup runs, before the test file is imported: what its top level changes counts too.
const before: SharedState = snapshotSharedState();

// Registered first, so it runs after the file's own afterAll hooks have cleaned up.
afterAll(() => {
  const problem = sharedStateProblem(sharedStateChanges(before));
  if (problem !== undefined) throw new Error(problem);
});
