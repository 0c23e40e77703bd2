/** A small, realistic register for `npm run seed:demo`: data only, no logic. */

export interface DemoControl {
  code: string;
  title: string;
  type: 'preventive' | 'detective' | 'corrective';
  implementationStatus: 'planned' | 'in_progress' | 'implemented' | 'degraded';
  effectiveness: 'not_tested' | 'effective' | 'partially_effective' | 'ineffective';
  frameworkRefs: string[];
  evidence?: { title: string; kind: 'document' | 'link' | 'screenshot' | 'log'; url: string };
}

export interface DemoRisk {
  title: string;
  category: string;
  description: string;
  likelihood: number;
  impact: number;
  residual?: [number, number];
  status: 'open' | 'in_treatment' | 'monitoring' | 'accepted' | 'closed';
  treatment: 'untreated' | 'mitigate' | 'accept' | 'transfer' | 'avoid';
  controls: DemoControl[];
  tasks: { title: string; priority: 'low' | 'medium' | 'high' | 'urgent'; dueInDays: number }[];
}

const link = (path: string) => `https://intranet.example.com/${path}`;

export const DEMO_RISKS: DemoRisk[] = [
  {
    title: 'Ransomware encrypts file servers',
    category: 'Security',
    description: 'Commodity ransomware reaches the Windows file servers through phishing.',
    likelihood: 4,
    impact: 5,
    residual: [2, 4],
    status: 'in_treatment',
    treatment: 'mitigate',
    controls: [
      {
        code: 'BC-01',
        title: 'Immutable offsite backups',
        type: 'corrective',
        implementationStatus: 'implemented',
        effectiveness: 'effective',
        frameworkRefs: ['ISO27001:A.8.13', 'SOC2:A1.2'],
        evidence: {
          title: 'Backup restore test Q3',
          kind: 'document',
          url: link('backups/restore-test-q3.pdf'),
        },
      },
      {
        code: 'EP-02',
        title: 'EDR on all servers',
        type: 'detective',
        implementationStatus: 'in_progress',
        effectiveness: 'partially_effective',
        frameworkRefs: ['ISO27001:A.8.7'],
      },
    ],
    tasks: [{ title: 'Restore-test the finance share', priority: 'high', dueInDays: 14 }],
  },
  {
    title: 'Phishing leads to account takeover',
    category: 'Security',
    description: 'Staff credentials harvested by phishing are used against email and VPN.',
    likelihood: 4,
    impact: 4,
    residual: [2, 3],
    status: 'monitoring',
    treatment: 'mitigate',
    controls: [
      {
        code: 'AC-01',
        title: 'Phishing-resistant MFA for remote access',
        type: 'preventive',
        implementationStatus: 'implemented',
        effectiveness: 'effective',
        frameworkRefs: ['ISO27001:A.8.5', 'SOC2:CC6.1'],
        evidence: {
          title: 'MFA enrolment report',
          kind: 'screenshot',
          url: link('iam/mfa-enrolment.png'),
        },
      },
      {
        code: 'AW-01',
        title: 'Quarterly phishing simulation',
        type: 'detective',
        implementationStatus: 'implemented',
        effectiveness: 'partially_effective',
        frameworkRefs: ['ISO27001:A.6.3'],
      },
    ],
    tasks: [{ title: 'Enrol contractors in MFA', priority: 'urgent', dueInDays: -3 }],
  },
  {
    title: 'Customer data exposed by misconfigured storage bucket',
    category: 'Privacy',
    description: 'A public cloud bucket holding exports of customer records.',
    likelihood: 3,
    impact: 5,
    status: 'open',
    treatment: 'mitigate',
    controls: [
      {
        code: 'CL-03',
        title: 'Cloud posture scanning',
        type: 'detective',
        implementationStatus: 'planned',
        effectiveness: 'not_tested',
        frameworkRefs: ['ISO27001:A.8.9', 'SOC2:CC7.1'],
      },
    ],
    tasks: [{ title: 'Inventory buckets holding personal data', priority: 'high', dueInDays: 7 }],
  },
  {
    title: 'Payroll provider outage delays salaries',
    category: 'Vendor',
    description: 'Single payroll SaaS with no contractual recovery time.',
    likelihood: 2,
    impact: 4,
    status: 'accepted',
    treatment: 'accept',
    controls: [],
    tasks: [{ title: 'Review payroll provider SLA at renewal', priority: 'low', dueInDays: 90 }],
  },
  {
    title: 'Key engineer leaves with undocumented knowledge',
    category: 'Operational',
    description: 'Billing pipeline maintained by one person.',
    likelihood: 3,
    impact: 3,
    residual: [2, 2],
    status: 'in_treatment',
    treatment: 'mitigate',
    controls: [
      {
        code: 'OP-04',
        title: 'Runbooks for critical pipelines',
        type: 'preventive',
        implementationStatus: 'in_progress',
        effectiveness: 'not_tested',
        frameworkRefs: ['ISO27001:A.5.37'],
      },
    ],
    tasks: [
      { title: 'Pair a second engineer on billing releases', priority: 'medium', dueInDays: 30 },
    ],
  },
  {
    title: 'GDPR subject access requests answered late',
    category: 'Compliance',
    description: 'Requests arrive through several channels and are tracked by hand.',
    likelihood: 3,
    impact: 3,
    status: 'open',
    treatment: 'mitigate',
    controls: [
      {
        code: 'PR-02',
        title: 'Central DSAR intake and tracking',
        type: 'preventive',
        implementationStatus: 'planned',
        effectiveness: 'not_tested',
        frameworkRefs: ['GDPR:Art.15'],
      },
    ],
    tasks: [{ title: 'Publish one DSAR form', priority: 'medium', dueInDays: 21 }],
  },
  {
    title: 'Unpatched VPN appliance exploited',
    category: 'Security',
    description: 'Internet-facing VPN with a history of critical advisories.',
    likelihood: 3,
    impact: 5,
    residual: [1, 5],
    status: 'monitoring',
    treatment: 'mitigate',
    controls: [
      {
        code: 'VM-01',
        title: 'Patch critical edge devices within 72 hours',
        type: 'preventive',
        implementationStatus: 'implemented',
        effectiveness: 'effective',
        frameworkRefs: ['ISO27001:A.8.8', 'SOC2:CC7.1'],
        evidence: {
          title: 'Patch log for edge devices',
          kind: 'log',
          url: link('vm/edge-patch-log.txt'),
        },
      },
    ],
    tasks: [],
  },
  {
    title: 'Fraudulent supplier bank detail change',
    category: 'Financial',
    description: 'Invoice fraud through spoofed supplier emails.',
    likelihood: 3,
    impact: 4,
    residual: [1, 4],
    status: 'monitoring',
    treatment: 'mitigate',
    controls: [
      {
        code: 'FN-01',
        title: 'Call-back verification of bank detail changes',
        type: 'preventive',
        implementationStatus: 'implemented',
        effectiveness: 'effective',
        frameworkRefs: ['SOC2:CC5.2'],
      },
    ],
    tasks: [
      { title: 'Train accounts payable on call-back rule', priority: 'medium', dueInDays: 10 },
    ],
  },
  {
    title: 'Data centre power failure',
    category: 'Operational',
    description: 'Single-feed power at the secondary site.',
    likelihood: 1,
    impact: 4,
    status: 'accepted',
    treatment: 'transfer',
    controls: [],
    tasks: [],
  },
  {
    title: 'Open-source dependency with a critical vulnerability',
    category: 'Security',
    description: 'Transitive dependencies in customer-facing services.',
    likelihood: 4,
    impact: 3,
    residual: [2, 3],
    status: 'in_treatment',
    treatment: 'mitigate',
    controls: [
      {
        code: 'SD-02',
        title: 'Dependency scanning in CI',
        type: 'detective',
        implementationStatus: 'implemented',
        effectiveness: 'partially_effective',
        frameworkRefs: ['ISO27001:A.8.28', 'SOC2:CC8.1'],
      },
    ],
    tasks: [{ title: 'Fail builds on critical advisories', priority: 'high', dueInDays: 5 }],
  },
  {
    title: 'Excessive access rights after role changes',
    category: 'Security',
    description: 'Movers keep permissions from previous teams.',
    likelihood: 4,
    impact: 3,
    status: 'open',
    treatment: 'mitigate',
    controls: [
      {
        code: 'AC-03',
        title: 'Quarterly access reviews',
        type: 'detective',
        implementationStatus: 'degraded',
        effectiveness: 'ineffective',
        frameworkRefs: ['ISO27001:A.5.18', 'SOC2:CC6.2'],
      },
    ],
    tasks: [{ title: 'Complete overdue Q2 access review', priority: 'urgent', dueInDays: -10 }],
  },
  {
    title: 'Marketing tool tracks users without consent',
    category: 'Privacy',
    description: 'Tag manager loads trackers before the consent banner.',
    likelihood: 3,
    impact: 2,
    status: 'open',
    treatment: 'mitigate',
    controls: [],
    tasks: [{ title: 'Gate trackers on consent', priority: 'medium', dueInDays: 15 }],
  },
  {
    title: 'Loss of an unencrypted laptop',
    category: 'Security',
    description: 'Older laptops outside device management.',
    likelihood: 3,
    impact: 3,
    residual: [3, 1],
    status: 'closed',
    treatment: 'mitigate',
    controls: [
      {
        code: 'EP-01',
        title: 'Full-disk encryption enforced by MDM',
        type: 'preventive',
        implementationStatus: 'implemented',
        effectiveness: 'effective',
        frameworkRefs: ['ISO27001:A.8.1'],
        evidence: {
          title: 'MDM encryption compliance',
          kind: 'screenshot',
          url: link('mdm/encryption.png'),
        },
      },
    ],
    tasks: [],
  },
  {
    title: 'Cloud spend overrun',
    category: 'Financial',
    description: 'No budget alerts on development accounts.',
    likelihood: 4,
    impact: 2,
    status: 'in_treatment',
    treatment: 'mitigate',
    controls: [
      {
        code: 'FN-04',
        title: 'Budget alerts per account',
        type: 'detective',
        implementationStatus: 'in_progress',
        effectiveness: 'not_tested',
        frameworkRefs: [],
      },
    ],
    tasks: [{ title: 'Set budgets on all sandbox accounts', priority: 'low', dueInDays: 20 }],
  },
  {
    title: 'Insider exfiltrates source code',
    category: 'Security',
    description: 'Developers can clone every repository.',
    likelihood: 2,
    impact: 4,
    status: 'open',
    treatment: 'mitigate',
    controls: [
      {
        code: 'DL-01',
        title: 'Repository access by team',
        type: 'preventive',
        implementationStatus: 'planned',
        effectiveness: 'not_tested',
        frameworkRefs: ['ISO27001:A.8.3'],
      },
    ],
    tasks: [],
  },
  {
    title: 'Regulatory change in AI rules',
    category: 'Compliance',
    description: 'New obligations for automated decisions in scoring features.',
    likelihood: 3,
    impact: 3,
    status: 'open',
    treatment: 'untreated',
    controls: [],
    tasks: [{ title: 'Legal assessment of scoring features', priority: 'medium', dueInDays: 45 }],
  },
  {
    title: 'DDoS against the customer portal',
    category: 'Operational',
    description: 'Portal served from one region without a scrubbing service.',
    likelihood: 2,
    impact: 3,
    residual: [2, 1],
    status: 'monitoring',
    treatment: 'transfer',
    controls: [
      {
        code: 'NW-02',
        title: 'CDN with DDoS protection',
        type: 'preventive',
        implementationStatus: 'implemented',
        effectiveness: 'effective',
        frameworkRefs: ['SOC2:A1.1'],
      },
    ],
    tasks: [],
  },
  {
    title: 'Backups not restorable within RTO',
    category: 'Operational',
    description: 'Restore of the ERP database has never been timed.',
    likelihood: 3,
    impact: 4,
    status: 'open',
    treatment: 'mitigate',
    controls: [
      {
        code: 'BC-02',
        title: 'Annual timed restore exercise',
        type: 'detective',
        implementationStatus: 'planned',
        effectiveness: 'not_tested',
        frameworkRefs: ['ISO27001:A.5.30'],
      },
    ],
    tasks: [{ title: 'Schedule ERP restore exercise', priority: 'high', dueInDays: 30 }],
  },
  {
    title: 'Third-party API keys leaked in logs',
    category: 'Security',
    description: 'Integration service logs full request headers.',
    likelihood: 2,
    impact: 4,
    residual: [1, 4],
    status: 'in_treatment',
    treatment: 'mitigate',
    controls: [
      {
        code: 'LG-01',
        title: 'Secret redaction in log pipeline',
        type: 'preventive',
        implementationStatus: 'in_progress',
        effectiveness: 'not_tested',
        frameworkRefs: ['ISO27001:A.8.15'],
      },
    ],
    tasks: [{ title: 'Rotate keys found in old logs', priority: 'urgent', dueInDays: 2 }],
  },
  {
    title: 'Sanctions screening misses a new customer',
    category: 'Compliance',
    description: 'Screening list updated weekly by hand.',
    likelihood: 1,
    impact: 5,
    status: 'open',
    treatment: 'avoid',
    controls: [],
    tasks: [],
  },
];

/** Review and acceptance history of some demo risks, by title: every state has an example. */
export interface DemoWorkflow {
  riskTitle: string;
  /** Reviews already done, oldest first. */
  reviews?: { outcome: 'no_change' | 'reassessed' | 'escalated'; notes: string }[];
  /** Review overdue: nextReviewAt this many days in the past, never reviewed. */
  overdueByDays?: number;
  /** An acceptance the risk's analyst owner asked for, and where it got to. */
  acceptance?: {
    state: 'requested' | 'approved' | 'rejected' | 'revoked' | 'expired';
    justification: string;
    expiresInDays: number;
    comment?: string;
  };
}

export const DEMO_WORKFLOWS: DemoWorkflow[] = [
  {
    riskTitle: 'Ransomware encrypts file servers',
    reviews: [
      { outcome: 'reassessed', notes: 'EDR rollout lowered the residual likelihood.' },
      { outcome: 'no_change', notes: 'Quarterly review: restore test passed again.' },
    ],
  },
  {
    riskTitle: 'Phishing leads to account takeover',
    reviews: [
      { outcome: 'escalated', notes: 'Contractors still without MFA; raised to the CISO.' },
    ],
  },
  { riskTitle: 'Excessive access rights after role changes', overdueByDays: 12 },
  { riskTitle: 'Unpatched VPN appliance exploited', overdueByDays: 3 },
  {
    riskTitle: 'Payroll provider outage delays salaries',
    acceptance: {
      state: 'approved',
      justification:
        'Provider SLA covers a day of outage; a second provider costs more than the risk.',
      expiresInDays: 180,
      comment: 'Accepted until the contract renewal.',
    },
  },
  {
    riskTitle: 'Data centre power failure',
    acceptance: {
      state: 'requested',
      justification: 'The move to the cloud region next year removes this risk.',
      expiresInDays: 300,
    },
  },
  {
    riskTitle: 'Marketing tool tracks users without consent',
    acceptance: {
      state: 'rejected',
      justification: 'The tool is only used on the marketing site.',
      expiresInDays: 90,
      comment: 'Consent is a legal requirement; treat it.',
    },
  },
  {
    riskTitle: 'Cloud spend overrun',
    acceptance: {
      state: 'revoked',
      justification: 'Budget alerts are enough while spend is under plan.',
      expiresInDays: 120,
      comment: 'Spend went over plan in two months; treat it.',
    },
  },
  {
    riskTitle: 'Key engineer leaves with undocumented knowledge',
    acceptance: {
      state: 'expired',
      justification: 'Accepted for the duration of the hiring freeze.',
      expiresInDays: 0,
    },
  },
];
