import { SEED_SECTIONS } from './sections';
import type { Checklist, ChecklistItem, Verification } from './types';

export { SEED_SECTIONS } from './sections';

/*
 * The production deployment checklist, version 2.1, as data. Every line of the seed is here once,
 * under a stable id that audits, reports, history and the quarterly review all share.
 * Items that AWS APIs could verify but no check covers yet are attestations marked
 * `automationCandidate`, so the report never claims automation that does not exist.
 */

const check = (...checkIds: string[]): Verification => ({ kind: 'check', checkIds });
const attest = (key: string, automationCandidate = false): Verification =>
  automationCandidate ? { kind: 'attestation', key, automationCandidate } : { kind: 'attestation', key };
const gate = (what: string, setting: string): Verification => ({ kind: 'gate', what, setting });
const signoff = (role: string): Verification => ({ kind: 'signoff', role });
const trigger = (triggerId: string): Verification => ({ kind: 'trigger', triggerId });
const after = (delay: '1h' | '24h' | '7d' | 'quarterly'): Verification => ({
  kind: 'followup',
  after: delay,
});
const info: Verification = { kind: 'informational' };

type Row = readonly [slug: string, title: string, verification: Verification, note?: string];

interface Group {
  readonly section: string;
  readonly prefix: string;
  readonly title: string;
  readonly rows: readonly Row[];
}

const GROUPS: readonly Group[] = [
  {
    section: 'pre-deployment',
    prefix: 'security',
    title: 'Security & Compliance',
    rows: [
      ['security-scans', 'Security scans completed (npm audit, container scanning)', check('image-scans')],
      ['no-critical-vulnerabilities', 'No critical vulnerabilities in dependencies', check('image-scans')],
      [
        'secrets-encrypted',
        'Secrets properly encrypted and stored',
        check('secrets-encryption', 'ssm-secure-parameters'),
      ],
      ['api-keys-rotated', 'API keys rotated if required', check('secrets-rotation', 'iam-access-keys')],
      [
        'ssl-certificates',
        'SSL certificates valid and configured',
        check('acm-certificates', 'tls-endpoints'),
      ],
      [
        'cors-policies',
        'CORS policies properly configured',
        check('cors-policies'),
        'Lambda function URLs, HTTP APIs and S3 buckets; REST API method CORS is not verified.',
      ],
      [
        'rate-limiting',
        'Rate limiting enabled and tested',
        check('rate-limiting'),
        'WAF rate-based rules on internet-facing Application Load Balancers, API Gateway REST stages and CloudFront distributions (judged in the us-east-1 audit); stage throttles and usage plans; load tests are not verified.',
      ],
    ],
  },
  {
    section: 'pre-deployment',
    prefix: 'infrastructure',
    title: 'Infrastructure',
    rows: [
      ['database-backups', 'Database backups verified and restorable', check('database-backups')],
      [
        'disk-space',
        'Sufficient disk space available',
        check('disk-space'),
        'RDS storage, Aurora local storage, OpenSearch domains and hosts whose CloudWatch agent publishes disk metrics; a host without the agent is a WARN, its disks unseen.',
      ],
      [
        'network-configuration',
        'Network configurations verified',
        check('network-configuration'),
        "Security groups of the service's load balancers and Lambda functions, and their VPCs' flow logs.",
      ],
      [
        'load-balancer-health-checks',
        'Load balancer health checks configured',
        check('load-balancer-health-checks'),
        'ELBv2 target groups; Auto Scaling group health check types and ECS grace periods are not verified.',
      ],
      [
        'auto-scaling-policies',
        'Auto-scaling policies reviewed',
        check('auto-scaling-policies'),
        'ECS services, DynamoDB tables and Aurora clusters registered with Application Auto Scaling, and EC2 Auto Scaling groups; the current capacity is judged for Auto Scaling groups only.',
      ],
      ['resource-limits', 'Resource limits and requests configured', check('resource-limits')],
      ['monitoring-alerting', 'Monitoring and alerting enabled', check('alarms')],
    ],
  },
  {
    section: 'pre-deployment',
    prefix: 'application',
    title: 'Application',
    rows: [
      ['tests-passing', 'All tests passing (unit, integration, e2e)', attest('tests-passing')],
      ['build-completed', 'Build process completed without errors', attest('build-completed')],
      ['images-built-scanned', 'Docker images built and scanned', check('image-scans')],
      ['environment-variables', 'Environment variables validated', check('environment-variables')],
      ['feature-flags', 'Feature flags configured appropriately', attest('feature-flags')],
      ['migrations-tested', 'Database migrations tested and ready', attest('migrations-tested')],
      ['api-compatibility', 'API version compatibility verified', attest('api-compatibility')],
    ],
  },
  {
    section: 'execution',
    prefix: 'phase1',
    title: 'Phase 1: Database Preparation',
    rows: [
      [
        'pre-deployment-backup',
        'Pre-deployment database backup completed',
        gate('on-demand backup', 'gate.preDeploymentBackup'),
      ],
      [
        'migration-scripts-approved',
        'Migration scripts reviewed and approved',
        signoff('Database Administrator'),
      ],
      [
        'rollback-scripts-tested',
        'Rollback scripts prepared and tested',
        check('rollback-tested'),
        'Runs of the SSM Automation documents that roll the service back; a rollback by Lambda function or by hand is not verified.',
      ],
      [
        'database-baseline',
        'Database performance baseline recorded',
        trigger('baseline'),
        'Recorded by the deployment watch before it judges any trigger.',
      ],
    ],
  },
  {
    section: 'execution',
    prefix: 'phase2',
    title: 'Phase 2: Service Deployment',
    rows: [
      [
        'blue-green-confirmed',
        'Blue-green deployment strategy confirmed',
        check('deployment-strategy'),
        'CodeDeploy deployment groups, ECS services and Lambda aliases; other deployment tools are not verified.',
      ],
      ['images-pushed', 'New container images pushed to registry', check('images-pushed')],
      ['service-discovery', 'Service discovery updated', attest('service-discovery')],
      ['new-instances-healthy', 'Health checks passing for new instances', trigger('health-checks')],
      [
        'traffic-shifted',
        'Traffic gradually shifted to new version',
        check('deployment-strategy'),
        'The configured traffic routing (canary, linear, minimum healthy hosts), not the shift of one release.',
      ],
      [
        'old-instances-kept',
        'Old instances kept for rollback capability',
        check('deployment-strategy'),
        'The blue/green termination wait of the original fleet, compared with keepOriginalMinutes.',
      ],
    ],
  },
  {
    section: 'execution',
    prefix: 'phase3',
    title: 'Phase 3: Post-Deployment Verification',
    rows: [
      ['services-healthy', 'All services responding to health checks', trigger('health-checks')],
      ['business-metrics', 'Key business metrics within expected ranges', after('1h')],
      ['error-rates', 'Error rates monitored and acceptable', trigger('error-rate')],
      ['performance-vs-baseline', 'Performance metrics compared to baseline', trigger('latency')],
      ['database-connections', 'Database connections stable', trigger('db-connection-errors')],
      ['external-integrations', 'External API integrations functional', after('1h')],
    ],
  },
  {
    section: 'monitoring',
    prefix: 'realtime',
    title: 'Real-time Monitoring',
    rows: [
      ['logs-streaming', 'Application logs streaming correctly', check('log-delivery')],
      ['metrics-collection', 'Metrics collection operational', check('metrics-collection')],
      ['alert-rules', 'Alert rules active and appropriate', check('alarms')],
      ['dashboard-updated', 'Dashboard updated with new deployment', attest('dashboard-updated')],
      [
        'tracing-enabled',
        'Tracing and profiling enabled',
        check('tracing'),
        'X-Ray tracing of Lambda functions, state machines and API Gateway REST stages; profiling is not verified.',
      ],
    ],
  },
  {
    section: 'monitoring',
    prefix: 'business',
    title: 'Business Metrics',
    rows: [
      ['trading-volume', 'Trading volume within expected range', info, 'Add a watch trigger on the metric.'],
      ['success-rates', 'Success rates meeting targets', trigger('error-rate')],
      ['profit-loss', 'Profit/loss calculations accurate', info, 'Add a watch trigger on the metric.'],
      ['user-activity', 'User activity patterns normal', info, 'Add a watch trigger on the metric.'],
      ['api-response-times', 'API response times acceptable', trigger('latency')],
    ],
  },
  {
    section: 'monitoring',
    prefix: 'infra-metrics',
    title: 'Infrastructure Metrics',
    rows: [
      ['cpu-utilization', 'CPU utilization below 80%', after('24h')],
      ['memory-usage', 'Memory usage within limits', after('24h')],
      ['network-io', 'Network I/O within expected ranges', after('24h')],
      ['db-connection-pool', 'Database connection pool healthy', trigger('db-connection-errors')],
      ['cache-hit-rates', 'Cache hit rates acceptable', after('24h')],
    ],
  },
  {
    section: 'rollback',
    prefix: 'trigger',
    title: 'Automatic Triggers',
    rows: [
      ['error-rate', 'Error rate threshold: 5% for 5 minutes', trigger('error-rate')],
      ['response-time', 'Response time threshold: 2x baseline for 3 minutes', trigger('latency')],
      ['health-check', 'Health check failure: 3 consecutive failures', trigger('health-checks')],
      ['db-connection-errors', 'Database connection errors: >10 per minute', trigger('db-connection-errors')],
    ],
  },
  {
    section: 'rollback',
    prefix: 'manual',
    title: 'Manual Rollback Criteria',
    rows: [
      [
        'critical-functionality',
        'Critical functionality broken',
        info,
        'Abort reason code: critical-functionality.',
      ],
      ['data-corruption', 'Data corruption detected', info, 'Abort reason code: data-corruption.'],
      [
        'security-vulnerability',
        'Security vulnerability identified',
        info,
        'Abort reason code: security-vulnerability.',
      ],
      [
        'performance-degradation',
        'Performance degradation unacceptable',
        info,
        'Abort reason code: performance.',
      ],
      ['user-impact', 'User impact significant', info, 'Abort reason code: user-impact.'],
    ],
  },
  {
    section: 'rollback',
    prefix: 'rollback-procedure',
    title: 'Rollback Procedures',
    rows: [
      [
        'script-tested',
        'Rollback script tested and ready',
        check('rollback-tested'),
        'A successful run of the rollback document within checks.rollback-tested.periodDays.',
      ],
      [
        'database-rollback-documented',
        'Database rollback procedures documented',
        attest('database-rollback-docs'),
      ],
      ['communication-plan', 'Communication plan for stakeholders', attest('communication-plan')],
      [
        'post-rollback-verification',
        'Post-rollback verification checklist',
        attest('post-rollback-checklist'),
      ],
    ],
  },
  {
    section: 'post-deployment',
    prefix: 'post-1h',
    title: 'Immediate (First Hour)',
    rows: [
      ['business-transactions', 'Monitor key business transactions', after('1h')],
      ['external-integrations', 'Verify all external integrations', after('1h')],
      ['security-event-logs', 'Check security event logs', after('1h')],
      ['backup-procedures', 'Validate backup procedures', after('1h')],
      ['monitoring-alerts', 'Confirm monitoring alerts functional', after('1h')],
    ],
  },
  {
    section: 'post-deployment',
    prefix: 'post-24h',
    title: 'Short-term (First 24 Hours)',
    rows: [
      ['performance-trend', 'Performance trend analysis', after('24h')],
      ['error-patterns', 'Error pattern review', after('24h')],
      ['user-feedback', 'User feedback collection', after('24h')],
      ['cost-impact', 'Cost impact assessment', after('24h')],
      ['capacity-planning', 'Capacity planning review', after('24h')],
    ],
  },
  {
    section: 'post-deployment',
    prefix: 'post-7d',
    title: 'Long-term (First Week)',
    rows: [
      ['success-metrics', 'Deployment success metrics review', after('7d')],
      ['incident-response', 'Incident response effectiveness', after('7d')],
      ['user-adoption', 'User adoption and satisfaction', after('7d')],
      ['business-impact', 'Business impact assessment', after('7d')],
      ['lessons-learned', 'Lessons learned documentation', after('7d')],
    ],
  },
  {
    section: 'emergency',
    prefix: 'degradation',
    title: 'Service Degradation',
    rows: [
      ['identify', 'Identify: Monitor dashboards for anomalies', info],
      ['contain', 'Contain: Implement rate limiting if needed', info],
      ['analyze', 'Analyze: Check logs and metrics for root cause', info],
      ['communicate', 'Communicate: Notify stakeholders of issue and ETA', info],
      ['resolve', 'Resolve: Apply fix or initiate rollback', info],
    ],
  },
  {
    section: 'emergency',
    prefix: 'security-incident',
    title: 'Security Incident',
    rows: [
      ['detect', 'Detect: Security monitoring alerts', info],
      ['isolate', 'Isolate: Block suspicious traffic/access', info],
      ['assess', 'Assess: Determine scope and impact', info],
      ['remediate', 'Remediate: Apply security patches', info],
      ['recover', 'Recover: Restore services with enhanced security', info],
    ],
  },
  {
    section: 'emergency',
    prefix: 'data-issues',
    title: 'Data Issues',
    rows: [
      ['identify', 'Identify: Data inconsistency reports', info],
      ['quarantine', 'Quarantine: Isolate affected data', info],
      ['restore', 'Restore: From backup if necessary', info],
      ['validate', 'Validate: Data integrity checks', info],
      ['prevent', 'Prevent: Update procedures to prevent recurrence', info],
    ],
  },
  {
    section: 'improvement',
    prefix: 'dora',
    title: 'Deployment Metrics Tracking',
    rows: [
      ['deployment-frequency', 'Deployment frequency', after('quarterly')],
      ['lead-time', 'Lead time for changes', after('quarterly')],
      ['mttr', 'Mean time to recovery (MTTR)', after('quarterly')],
      ['change-failure-rate', 'Change failure rate', after('quarterly')],
      ['deployment-success-rate', 'Deployment success rate', after('quarterly')],
    ],
  },
  {
    section: 'improvement',
    prefix: 'optimization',
    title: 'Checklist Optimization',
    rows: [
      ['quarterly-review', 'Review checklist effectiveness quarterly', after('quarterly')],
      ['incident-learnings', 'Update based on incident learnings', after('quarterly')],
      ['simplify', 'Simplify where automation exists', after('quarterly')],
      ['add-steps', 'Add new verification steps as needed', info],
      ['remove-obsolete', 'Remove obsolete verification steps', info],
    ],
  },
  {
    section: 'improvement',
    prefix: 'automation',
    title: 'Automation Opportunities',
    rows: [
      ['security-scanning', 'Automated security scanning', info],
      ['iac-validation', 'Infrastructure as code validation', info],
      ['performance-regression', 'Performance regression testing', info],
      ['canary-analysis', 'Canary analysis automation', info, 'Provided by the deployment watch.'],
      ['rollback-triggers', 'Rollback automation triggers', info, 'Provided by the deployment watch.'],
    ],
  },
  {
    section: 'sign-off',
    prefix: 'signoff-technical',
    title: 'Technical Sign-off',
    rows: [
      ['lead-developer', 'Lead Developer', signoff('Lead Developer')],
      ['devops-engineer', 'DevOps Engineer', signoff('DevOps Engineer')],
      ['security-engineer', 'Security Engineer', signoff('Security Engineer')],
      ['database-administrator', 'Database Administrator', signoff('Database Administrator')],
    ],
  },
  {
    section: 'sign-off',
    prefix: 'signoff-business',
    title: 'Business Sign-off',
    rows: [
      ['product-manager', 'Product Manager', signoff('Product Manager')],
      ['trading-operations', 'Trading Operations', signoff('Trading Operations')],
      ['risk-management', 'Risk Management', signoff('Risk Management')],
      ['customer-support-lead', 'Customer Support Lead', signoff('Customer Support Lead')],
    ],
  },
  {
    section: 'sign-off',
    prefix: 'final',
    title: 'Final Deployment Approval',
    rows: [
      ['pre-deployment-checks', 'All pre-deployment checks completed', info, "The gate's verdict."],
      ['rollback-plan', 'Rollback plan confirmed', attest('rollback-plan')],
      ['communication-plan', 'Communication plan executed', attest('communication-executed')],
      ['deployment-window', 'Business hours deployment window', gate('deployment window', 'gate.window')],
      ['personnel-standby', 'Key personnel on standby', attest('personnel-standby')],
    ],
  },
];

function toItems(group: Group): ChecklistItem[] {
  return group.rows.map(([slug, title, verification, note]) => ({
    id: `${group.prefix}.${slug}`,
    section: group.section,
    group: group.title,
    title,
    verification,
    ...(note === undefined ? {} : { note }),
  }));
}

/** The seed checklist, version 2.1, every item in the seed's order. */
export const SEED_CHECKLIST: Checklist = {
  version: '2.1',
  sections: SEED_SECTIONS,
  items: GROUPS.flatMap(toItems),
};
