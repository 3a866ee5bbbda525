import type { ChecklistSection } from './types';

/**
 * The checklist's sections, in order. Apart from the seed's items so that what renders a report
 * (which names sections by id) does not carry the whole checklist's text.
 */
export const SEED_SECTIONS: readonly ChecklistSection[] = [
  { id: 'pre-deployment', title: 'Pre-Deployment Verification' },
  { id: 'execution', title: 'Deployment Execution' },
  { id: 'monitoring', title: 'Monitoring & Observability' },
  { id: 'rollback', title: 'Rollback Preparedness' },
  { id: 'post-deployment', title: 'Post-Deployment Activities' },
  { id: 'emergency', title: 'Emergency Procedures' },
  { id: 'improvement', title: 'Continuous Improvement' },
  { id: 'sign-off', title: 'Sign-off Requirements' },
];
