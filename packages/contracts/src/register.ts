import { z } from 'zod';
import { IsoDate, ListQuery, pageOf } from './common';
import type { Bilingual } from './errors';
import { EmploymentTypeSchema, PersonStatusSchema } from './people';

const Text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(/^[^\p{Cc}]*$/u, { message: 'control characters are not allowed' });
const MultilineText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(/^(?:[\t\n\r]|[^\p{Cc}])*$/u, { message: 'control characters are not allowed' });
const OptionalText = (max: number) =>
  Text(max)
    .nullish()
    .transform((v) => (v ? v : null));
const NullableDate = IsoDate.nullish().transform((v) => v ?? null);

// ---------------------------------------------------------------------------------------------------------------
// Settings: classification levels and visibility
// ---------------------------------------------------------------------------------------------------------------

/** A classification level the tenant defines (機密区分); rank 1 is the most secret. */
export const ClassificationLevel = z.object({
  /** A stable key used in imports and filters: lowercase letters, digits, `_` and `-`. */
  code: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[a-z0-9_-]+$/),
  nameJa: Text(40).min(1),
  nameEn: Text(60).min(1),
  rank: z.number().int().min(1).max(20),
  /** Whether information at this level is treated as secret (a trade-secret candidate); 公開 is not. */
  secret: z.boolean(),
});
/** A classification level of the tenant. */
export type ClassificationLevel = z.infer<typeof ClassificationLevel>;

/** The default levels a new company starts with: 極秘 / 秘 / 社外秘 / 公開. */
export const DEFAULT_CLASSIFICATION_LEVELS: readonly ClassificationLevel[] = [
  { code: 'top_secret', nameJa: '極秘', nameEn: 'Top secret', rank: 1, secret: true },
  { code: 'secret', nameJa: '秘', nameEn: 'Secret', rank: 2, secret: true },
  { code: 'confidential', nameJa: '社外秘', nameEn: 'Internal only', rank: 3, secret: true },
  { code: 'public', nameJa: '公開', nameEn: 'Public', rank: 4, secret: false },
];

/**
 * What an employee sees of technologies they have no access to: their names only (`names`, the default) or nothing
 * (`hidden`).
 */
export const InaccessibleVisibilitySchema = z.enum(['names', 'hidden']);

/** The register's settings for one company. */
export const RegisterSettings = z.object({
  classificationLevels: z
    .array(ClassificationLevel)
    .min(1)
    .max(10)
    .refine((levels) => new Set(levels.map((l) => l.code)).size === levels.length, { message: 'duplicate code' })
    .refine((levels) => new Set(levels.map((l) => l.rank)).size === levels.length, { message: 'duplicate rank' }),
  inaccessibleVisibility: InaccessibleVisibilitySchema,
  /** Review cadence a new technology gets when none is given. */
  defaultReviewIntervalMonths: z.number().int().min(1).max(60),
  /** Days before a review or grant expiry at which reminders start. */
  reminderLeadDays: z.number().int().min(0).max(90),
});
/** The register's settings for one company. */
export type RegisterSettings = z.infer<typeof RegisterSettings>;
/** GET /register/settings adds whether the caller may change them. */
export const RegisterSettingsView = RegisterSettings.extend({ abilities: z.object({ edit: z.boolean() }) });
/** The register settings with the caller's abilities. */
export type RegisterSettingsView = z.infer<typeof RegisterSettingsView>;

// ---------------------------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------------------------

/** The export-control classification result (該非判定): 該当 / 非該当 / 未判定. */
export const EXPORT_CONTROL_STATUSES = ['applicable', 'not_applicable', 'undetermined'] as const;
/** The export-control classification result. */
export type ExportControlStatus = (typeof EXPORT_CONTROL_STATUSES)[number];
/** Export-control results in both languages. */
export const EXPORT_CONTROL_STATUS_LABELS: Record<ExportControlStatus, Bilingual> = {
  applicable: { ja: '該当', en: 'Controlled' },
  not_applicable: { ja: '非該当', en: 'Not controlled' },
  undetermined: { ja: '未判定', en: 'Not yet classified' },
};

/** The three requirements of a trade secret (営業秘密) under the Unfair Competition Prevention Act, Art. 2(6). */
export const TRADE_SECRET_REQUIREMENTS = ['secrecy_management', 'usefulness', 'non_public'] as const;
/** One trade-secret requirement. */
export type TradeSecretRequirement = (typeof TRADE_SECRET_REQUIREMENTS)[number];
/**
 * Each requirement's name and a plain-language explanation (domain-reference §7.2, S60–S62, S76; the evidence hints
 * are Kakine's suggestion, not law).
 */
export const TRADE_SECRET_REQUIREMENT_TEXT: Record<
  TradeSecretRequirement,
  { name: Bilingual; explanation: Bilingual; evidenceHint: Bilingual }
> = {
  secrecy_management: {
    name: { ja: '秘密管理性', en: 'Managed as a secret' },
    explanation: {
      ja: '会社が「これは秘密だ」と決めていることが、従業員や取引先から見て分かるように管理されていること。思っているだけでは足りず、「社外秘」の表示、アクセスできる人の限定、秘密保持の誓約などで示す必要があります。',
      en: 'The company manages the information so that employees and partners can recognise it as secret. Intention alone is not enough: marking, restricting who may access it and confidentiality pledges show it.',
    },
    evidenceHint: {
      ja: '機密区分の表示、アクセス権限の一覧、秘密保持誓約書・NDA、保管記録',
      en: 'Classification marking, access lists, confidentiality pledges and NDAs, storage records',
    },
  },
  usefulness: {
    name: { ja: '有用性', en: 'Useful' },
    explanation: {
      ja: '製造方法、設計図、顧客名簿のように、事業に役立つ技術上・営業上の情報であること。失敗した実験のデータでも、無駄な開発を省けるなら役立つ情報に当たります。',
      en: 'Technical or business information useful for the business, such as manufacturing methods, designs or customer lists. Data from failed experiments can count when it saves development effort.',
    },
    evidenceHint: {
      ja: '事業での使いみちの説明、開発費・開発期間、使っている製品',
      en: 'How the business uses it, development cost and time, products that use it',
    },
  },
  non_public: {
    name: { ja: '非公知性', en: 'Not publicly known' },
    explanation: {
      ja: '論文、特許公報、展示会、ウェブサイトなどで公開されておらず、一般には手に入らないこと。特許出願で公開された部分は営業秘密になりません。',
      en: 'Not published in papers, patent gazettes, trade fairs or websites, and not generally available. Parts disclosed in a patent application are no longer secret.',
    },
    evidenceHint: {
      ja: '特許・文献調査の結果、公開していないことの確認記録',
      en: 'Patent and literature search results, a record that it has not been disclosed',
    },
  },
};

/** How well a requirement is met today, as the company assesses it. */
export const REQUIREMENT_STATUSES = ['met', 'partially_met', 'not_met', 'unassessed'] as const;
/** How well a requirement is met. */
export type RequirementStatus = (typeof REQUIREMENT_STATUSES)[number];
/** Requirement statuses in both languages. */
export const REQUIREMENT_STATUS_LABELS: Record<RequirementStatus, Bilingual> = {
  met: { ja: '充足', en: 'Met' },
  partially_met: { ja: '一部充足', en: 'Partly met' },
  not_met: { ja: '不充足', en: 'Not met' },
  unassessed: { ja: '未評価', en: 'Not assessed' },
};

/** Where a technology is kept: a site (工場・拠点, possibly overseas) or a system (file server, repository …). */
export const LOCATION_KINDS = ['site', 'system'] as const;
/** Location kinds in both languages. */
export const LOCATION_KIND_LABELS: Record<(typeof LOCATION_KINDS)[number], Bilingual> = {
  site: { ja: '拠点', en: 'Site' },
  system: { ja: 'システム・保管場所', en: 'System or repository' },
};

/** Depth of someone's know-how of a process step: 1 knows the outline, 2 can do it, 3 can do and teach it alone. */
export const KnowHowDepth = z.number().int().min(1).max(3);
/** Know-how depths in both languages. */
export const KNOW_HOW_DEPTH_LABELS: Record<1 | 2 | 3, Bilingual> = {
  1: { ja: '概要を知っている', en: 'Knows the outline' },
  2: { ja: '実施できる', en: 'Can do it' },
  3: { ja: '単独で実施・指導できる', en: 'Can do and teach it alone' },
};

/** A technology's concentration risk level, from its bus factor and its holders' status (register.md). */
export const CONCENTRATION_RISK_LEVELS = ['none', 'low', 'medium', 'high', 'critical'] as const;
/** A concentration risk level. */
export type ConcentrationRiskLevel = (typeof CONCENTRATION_RISK_LEVELS)[number];
/** Risk levels in both languages. */
export const CONCENTRATION_RISK_LABELS: Record<ConcentrationRiskLevel, Bilingual> = {
  none: { ja: '未設定', en: 'No map' },
  low: { ja: '低', en: 'Low' },
  medium: { ja: '中', en: 'Medium' },
  high: { ja: '高', en: 'High' },
  critical: { ja: '重大', en: 'Critical' },
};

// ---------------------------------------------------------------------------------------------------------------
// Technologies
// ---------------------------------------------------------------------------------------------------------------

/** The company's own technology code (技術コード): the key of the register import. */
export const TechnologyCode = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[\p{L}\p{N}_.\-/]+$/u, { message: 'letters, digits, _ . - / only' });

/** Where a technology is kept. Overseas sites carry their ISO 3166-1 alpha-2 country (JP for Japan). */
export const TechnologyLocationInput = z
  .object({
    kind: z.enum(LOCATION_KINDS),
    name: Text(200).min(1),
    /** Required for a site; must be a country of the catalogue in force. */
    countryCode: z
      .string()
      .trim()
      .regex(/^[A-Z]{2}$/)
      .nullish()
      .transform((v) => v ?? null),
    /** An address for a site, a path or URL for a system (e.g. `\\\\fs01\\開発\\MLCC`). */
    detail: OptionalText(500),
  })
  .refine((l) => l.kind !== 'site' || l.countryCode !== null, {
    message: 'a site needs a country',
    path: ['countryCode'],
  });

/** The export-control classification (該非判定) of a technology. */
export const ExportControlInput = z
  .object({
    status: z.enum(EXPORT_CONTROL_STATUSES),
    /** The list item (e.g. 外為令別表 2の項(1)), as text. */
    listItemRef: OptionalText(200),
    assessorName: OptionalText(200),
    assessedOn: NullableDate,
    evidenceFileIds: z.array(z.uuid()).max(20).default([]),
  })
  .refine((e) => e.status === 'undetermined' || e.assessedOn !== null, {
    message: 'a classification result needs its date',
    path: ['assessedOn'],
  });

/** A technology as created or replaced (PUT replaces the whole record). */
export const TechnologyInput = z
  .object({
    code: TechnologyCode,
    nameJa: Text(200).min(1),
    nameEn: OptionalText(200),
    description: MultilineText(10_000).default(''),
    products: z.array(Text(200).min(1)).max(50).default([]),
    /** The Kakine user who owns the technology (technology owner); null leaves it with the officer. */
    ownerUserId: z
      .uuid()
      .nullish()
      .transform((v) => v ?? null),
    department: OptionalText(200),
    classificationCode: z.string().trim().min(1).max(40),
    isCore: z.boolean().default(false),
    /** Why it is core technology (required when `isCore`). */
    coreReason: OptionalText(2000),
    /** Codes of designated technologies of the prior-report scheme (e.g. `MLCC`), from the catalogue. */
    designatedCodes: z
      .array(z.string().trim().min(1).max(60))
      .max(15)
      .default([])
      .refine((c) => new Set(c).size === c.length, { message: 'duplicate code' }),
    exportControl: ExportControlInput.default({
      status: 'undetermined',
      listItemRef: null,
      assessorName: null,
      assessedOn: null,
      evidenceFileIds: [],
    }),
    locations: z.array(TechnologyLocationInput).max(50).default([]),
    /** Review cadence; omitted means the tenant's default. */
    reviewIntervalMonths: z.number().int().min(1).max(60).nullish(),
    lastReviewedOn: NullableDate,
  })
  .refine((t) => !t.isCore || (t.coreReason ?? '') !== '', {
    message: 'core technology needs a reason',
    path: ['coreReason'],
  });
/** A technology as created or replaced. */
export type TechnologyInput = z.input<typeof TechnologyInput>;
/** A technology input after parsing (defaults applied). */
export type TechnologyInputParsed = z.output<typeof TechnologyInput>;

/** PUT /register/technologies/:id: the whole technology plus the version read, for optimistic concurrency. */
export const UpdateTechnologyBody = z.object({ technology: TechnologyInput, version: z.number().int().min(1) });
/** PUT /register/technologies/:id body. */
export type UpdateTechnologyBody = z.infer<typeof UpdateTechnologyBody>;

/** What the caller may do to a technology; the web app shows only these actions. */
export const TechnologyAbilities = z.object({
  /** See the full record (false: the name only). */
  read: z.boolean(),
  edit: z.boolean(),
  archive: z.boolean(),
  /** Delete outright: only when nothing refers to it; otherwise archive. */
  delete: z.boolean(),
  /** Record the trade-secret requirements and reviews. */
  review: z.boolean(),
  manageAccess: z.boolean(),
  editKnowHow: z.boolean(),
  viewHistory: z.boolean(),
});
/** What the caller may do to a technology. */
export type TechnologyAbilities = z.infer<typeof TechnologyAbilities>;

/** A designated technology mapped to a technology, resolved against the catalogue in force today. */
export const DesignatedTechnologyRef = z.object({
  code: z.string(),
  number: z.number().int().nullable(),
  nameJa: z.string(),
  nameEn: z.string(),
  /** Whether the designation is in force today (false: not yet, no longer, or not in the catalogue). */
  inForce: z.boolean(),
  inForceFrom: z.string().nullable(),
  /** The catalogue version the names come from. */
  versionLabel: z.string().nullable(),
  versionEffectiveFrom: z.string().nullable(),
});
/** A designated technology mapped to a technology. */
export type DesignatedTechnologyRef = z.infer<typeof DesignatedTechnologyRef>;

/** One trade-secret requirement's assessment. */
export const RequirementAssessment = z.object({
  requirement: z.enum(TRADE_SECRET_REQUIREMENTS),
  status: z.enum(REQUIREMENT_STATUSES),
  note: z.string().nullable(),
  evidenceFileIds: z.array(z.uuid()),
  reviewedOn: z.string().nullable(),
  reviewedByName: z.string().nullable(),
});
/** One trade-secret requirement's assessment. */
export type RequirementAssessment = z.infer<typeof RequirementAssessment>;

/** Whether a technology would qualify as a trade secret today, and why not. */
export const TradeSecretSummary = z.object({
  requirements: z.array(RequirementAssessment),
  /** True only when all three requirements are met. */
  qualifies: z.boolean(),
  /** The requirements not (fully) met or not assessed. */
  failing: z.array(z.enum(TRADE_SECRET_REQUIREMENTS)),
});
/** Whether a technology would qualify as a trade secret today. */
export type TradeSecretSummary = z.infer<typeof TradeSecretSummary>;

/** PUT /register/technologies/:id/trade-secret/:requirement: one requirement's status, note, evidence and review. */
export const RequirementAssessmentInput = z.object({
  status: z.enum(REQUIREMENT_STATUSES),
  note: OptionalText(2000),
  evidenceFileIds: z.array(z.uuid()).max(20).default([]),
  reviewedOn: NullableDate,
});
/** One requirement's assessment as entered. */
export type RequirementAssessmentInput = z.infer<typeof RequirementAssessmentInput>;
/** Path parameters of a requirement. */
export const RequirementParams = z.object({ id: z.uuid(), requirement: z.enum(TRADE_SECRET_REQUIREMENTS) });

/** A location as shown, with the country's name. */
export const TechnologyLocationView = z.object({
  kind: z.enum(LOCATION_KINDS),
  name: z.string(),
  countryCode: z.string().nullable(),
  countryNameJa: z.string().nullable(),
  countryNameEn: z.string().nullable(),
  overseas: z.boolean(),
  detail: z.string().nullable(),
});
/** A location as shown. */
export type TechnologyLocationView = z.infer<typeof TechnologyLocationView>;

/** The concentration figures of a technology's know-how map (see KnowHowAnalysis for the full picture). */
export const ConcentrationSummary = z.object({
  level: z.enum(CONCENTRATION_RISK_LEVELS),
  /** The fewest people whose departure leaves a step with nobody; null without a map. */
  busFactor: z.number().int().nullable(),
  /** A person who alone covers every step. */
  singlePersonAllSteps: z.boolean(),
  /** Holders who are leaving or have left. */
  departingHolders: z.number().int(),
});
/** The concentration figures of a technology. */
export type ConcentrationSummary = z.infer<typeof ConcentrationSummary>;

/** A technology as the register shows it to someone who may read it. */
export const TechnologyView = z.object({
  id: z.uuid(),
  code: z.string(),
  nameJa: z.string(),
  nameEn: z.string().nullable(),
  description: z.string(),
  products: z.array(z.string()),
  ownerUserId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  department: z.string().nullable(),
  classificationCode: z.string(),
  isCore: z.boolean(),
  coreReason: z.string().nullable(),
  designated: z.array(DesignatedTechnologyRef),
  exportControl: z.object({
    status: z.enum(EXPORT_CONTROL_STATUSES),
    listItemRef: z.string().nullable(),
    assessorName: z.string().nullable(),
    assessedOn: z.string().nullable(),
    evidenceFileIds: z.array(z.uuid()),
  }),
  locations: z.array(TechnologyLocationView),
  reviewIntervalMonths: z.number().int(),
  lastReviewedOn: z.string().nullable(),
  nextReviewOn: z.string(),
  reviewOverdue: z.boolean(),
  status: z.enum(['active', 'archived']),
  archivedAt: z.date().nullable(),
  tradeSecret: TradeSecretSummary,
  concentration: ConcentrationSummary,
  version: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
  abilities: TechnologyAbilities,
});
/** A technology as the register shows it. */
export type TechnologyView = z.infer<typeof TechnologyView>;

/**
 * One row of the register list. `access: 'name_only'` rows (an employee without access, tenant setting `names`)
 * carry the code and names only; every other field is null/empty.
 */
export const TechnologyListItem = z.object({
  id: z.uuid(),
  access: z.enum(['full', 'name_only']),
  code: z.string(),
  nameJa: z.string(),
  nameEn: z.string().nullable(),
  products: z.array(z.string()),
  ownerName: z.string().nullable(),
  department: z.string().nullable(),
  classificationCode: z.string().nullable(),
  isCore: z.boolean().nullable(),
  designatedCodes: z.array(z.string()),
  exportControlStatus: z.enum(EXPORT_CONTROL_STATUSES).nullable(),
  overseas: z.boolean().nullable(),
  nextReviewOn: z.string().nullable(),
  reviewOverdue: z.boolean().nullable(),
  tradeSecretQualifies: z.boolean().nullable(),
  concentration: ConcentrationSummary.nullable(),
  status: z.enum(['active', 'archived']),
  updatedAt: z.date().nullable(),
});
/** One row of the register list. */
export type TechnologyListItem = z.infer<typeof TechnologyListItem>;

/** GET /register/technologies: filters, sort, search and export (csv/xlsx use the import template's columns). */
export const TechnologyListQuery = ListQuery.extend({
  /** Substring search over code, names, description and products; works on Japanese (「コンデンサ」). */
  q: z.string().trim().max(200).optional(),
  core: z.enum(['true', 'false']).optional(),
  designated: z.enum(['true', 'false']).optional(),
  classification: z.string().trim().max(40).optional(),
  ownerUserId: z.uuid().optional(),
  department: z.string().trim().max(200).optional(),
  reviewOverdue: z.enum(['true', 'false']).optional(),
  /** Only technologies whose concentration risk is high or critical. */
  concentrationRisk: z.enum(['true', 'false']).optional(),
  /** Only technologies that would not qualify as a trade secret today. */
  tradeSecretGap: z.enum(['true', 'false']).optional(),
  status: z.enum(['active', 'archived', 'all']).default('active'),
  sort: z.enum(['code', 'nameJa', 'classification', 'nextReviewOn', 'busFactor', 'updatedAt']).default('code'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
/** GET /register/technologies query. */
export type TechnologyListQuery = z.infer<typeof TechnologyListQuery>;
/** A page of the register, with what the caller may do on the register as a whole. */
export const TechnologyList = pageOf(TechnologyListItem).extend({
  abilities: z.object({ create: z.boolean(), import: z.boolean(), manageSettings: z.boolean() }),
});
/** A page of the register. */
export type TechnologyList = z.infer<typeof TechnologyList>;

/** A user who may own a technology: active, with the technology-owner or security-officer role. */
export const RegisterOwner = z.object({
  id: z.uuid(),
  displayName: z.string(),
  email: z.string(),
  roles: z.array(z.string()),
});
/** GET /register/owners: the users a technology can be assigned to, by name. */
export const RegisterOwnerList = z.object({ items: z.array(RegisterOwner) });
/** The users a technology can be assigned to. */
export type RegisterOwnerList = z.infer<typeof RegisterOwnerList>;

/** POST /register/technologies/:id/archive and /restore bodies: an optional reason. */
export const ArchiveTechnologyBody = z.object({ reason: OptionalText(500) });
/** Archive and restore bodies. */
export type ArchiveTechnologyBody = z.infer<typeof ArchiveTechnologyBody>;

// ---------------------------------------------------------------------------------------------------------------
// History (from the audit trail)
// ---------------------------------------------------------------------------------------------------------------

/** One field changed by an edit, before and after, as display text. */
export const FieldChange = z.object({
  field: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
/** One field changed by an edit. */
export type FieldChange = z.infer<typeof FieldChange>;

/** One entry of a technology's history: an audit event about it, with the fields it changed. */
export const TechnologyHistoryEntry = z.object({
  seq: z.number().int(),
  occurredAt: z.date(),
  type: z.string(),
  typeLabel: z.string(),
  actorLabel: z.string().nullable(),
  changes: z.array(FieldChange),
  /** Other facts of the event (e.g. the grantee of an access grant). */
  details: z.record(z.string(), z.unknown()),
});
/** One entry of a technology's history. */
export type TechnologyHistoryEntry = z.infer<typeof TechnologyHistoryEntry>;
/** GET /register/technologies/:id/history query: paging only (newest first). */
export const TechnologyHistoryQuery = ListQuery.pick({ page: true, pageSize: true });
/** GET /register/technologies/:id/history query. */
export type TechnologyHistoryQuery = z.infer<typeof TechnologyHistoryQuery>;
/** GET /register/technologies/:id/history. */
export const TechnologyHistory = pageOf(TechnologyHistoryEntry);
/** A page of a technology's history. */
export type TechnologyHistory = z.infer<typeof TechnologyHistory>;

// ---------------------------------------------------------------------------------------------------------------
// Need-to-know access
// ---------------------------------------------------------------------------------------------------------------

/** POST /register/technologies/:id/grants: access for one person or a whole department, with reason and expiry. */
export const AccessGrantInput = z
  .object({
    granteeKind: z.enum(['person', 'department']),
    personId: z
      .uuid()
      .nullish()
      .transform((v) => v ?? null),
    department: OptionalText(200),
    reason: Text(500).min(1),
    expiresOn: NullableDate,
  })
  .refine((g) => (g.granteeKind === 'person' ? g.personId !== null : g.department !== null), {
    message: 'a person grant needs a person, a department grant a department',
    path: ['granteeKind'],
  });
/** An access grant as created. */
export type AccessGrantInput = z.input<typeof AccessGrantInput>;

/** Why a grant deserves a second look (need-to-know review). */
export const ACCESS_FINDINGS = [
  'expired',
  'holder_left',
  'holder_leaving',
  'external_on_core',
  'external_on_top_level',
  'department_on_core',
  'no_expiry_external',
] as const;
/** Why a grant deserves a second look. */
export type AccessFinding = (typeof ACCESS_FINDINGS)[number];
/** Findings in both languages. */
export const ACCESS_FINDING_LABELS: Record<AccessFinding, Bilingual> = {
  expired: { ja: '有効期限切れ', en: 'Expired' },
  holder_left: { ja: '退職者がアクセス権を保持', en: 'Held by someone who has left' },
  holder_leaving: { ja: '退職予定者がアクセス権を保持', en: 'Held by someone who is leaving' },
  external_on_core: {
    ja: '派遣・出向・業務委託の人がコア技術にアクセス可能',
    en: 'Dispatched, seconded or contract staff with access to core technology',
  },
  external_on_top_level: {
    ja: '派遣・出向・業務委託の人が最上位の機密区分にアクセス可能',
    en: 'Dispatched, seconded or contract staff with access at the highest classification',
  },
  department_on_core: {
    ja: '部署単位でコア技術へのアクセスを付与（必要最小限か確認）',
    en: 'A whole department has access to core technology (check it is need-to-know)',
  },
  no_expiry_external: {
    ja: '社外の人への付与に有効期限がない',
    en: 'No expiry on a grant to someone from outside',
  },
};

/** An access grant as shown. */
export const AccessGrantView = z.object({
  id: z.uuid(),
  technologyId: z.uuid(),
  technologyCode: z.string(),
  technologyNameJa: z.string(),
  granteeKind: z.enum(['person', 'department']),
  personId: z.uuid().nullable(),
  personName: z.string().nullable(),
  personEmployeeId: z.string().nullable(),
  personEmploymentType: EmploymentTypeSchema.nullable(),
  personStatus: PersonStatusSchema.nullable(),
  department: z.string().nullable(),
  reason: z.string(),
  grantedByName: z.string().nullable(),
  grantedAt: z.date(),
  expiresOn: z.string().nullable(),
  revokedAt: z.date().nullable(),
  revokedByName: z.string().nullable(),
  state: z.enum(['active', 'expired', 'revoked']),
  findings: z.array(z.enum(ACCESS_FINDINGS)),
  abilities: z.object({ revoke: z.boolean(), edit: z.boolean() }),
});
/** An access grant as shown. */
export type AccessGrantView = z.infer<typeof AccessGrantView>;
/** PATCH /register/grants/:id: change the reason or expiry. */
export const UpdateAccessGrantBody = z.object({
  reason: Text(500).min(1).optional(),
  expiresOn: NullableDate.optional(),
});
/** POST /register/grants/:id/revoke body. */
export const RevokeAccessGrantBody = z.object({ reason: OptionalText(500) });

/** GET /register/technologies/:id/grants: every grant of a technology (active first). */
export const AccessGrantList = z.object({ items: z.array(AccessGrantView) });

/** GET /register/access-review: grants across the register that have findings, filterable and exportable. */
export const AccessReviewQuery = ListQuery.extend({
  finding: z.enum(ACCESS_FINDINGS).optional(),
  state: z.enum(['active', 'expired', 'revoked']).optional(),
  sort: z.enum(['technologyCode', 'personName', 'expiresOn', 'grantedAt']).default('technologyCode'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
/** GET /register/access-review query. */
export type AccessReviewQuery = z.infer<typeof AccessReviewQuery>;
/** A page of grants with findings. */
export const AccessReviewList = pageOf(AccessGrantView);

// ---------------------------------------------------------------------------------------------------------------
// Know-how map (工程 × 人)
// ---------------------------------------------------------------------------------------------------------------

/**
 * PUT /register/technologies/:id/know-how: the whole map at once. Steps are in order; `key` ties holdings to steps
 * (an existing step's id, or any new string for a new step).
 */
export const KnowHowMapInput = z
  .object({
    steps: z
      .array(
        z.object({
          key: z.string().min(1).max(64),
          name: Text(100).min(1),
          description: OptionalText(1000),
        }),
      )
      .max(40),
    holdings: z
      .array(z.object({ stepKey: z.string().min(1).max(64), personId: z.uuid(), depth: KnowHowDepth }))
      .max(2000),
    version: z.number().int().min(1),
  })
  .refine((m) => new Set(m.steps.map((s) => s.key)).size === m.steps.length, {
    message: 'duplicate step key',
    path: ['steps'],
  })
  .refine((m) => new Set(m.holdings.map((h) => `${h.stepKey}|${h.personId}`)).size === m.holdings.length, {
    message: 'duplicate holding',
    path: ['holdings'],
  });
/** The whole know-how map as saved. */
export type KnowHowMapInput = z.input<typeof KnowHowMapInput>;

/** What the analysis warns about. */
export const KNOW_HOW_WARNINGS = [
  'single_person_all_steps',
  'step_without_holder',
  'single_holder_step',
  'holder_leaving',
  'holder_left',
] as const;
/** Warnings in both languages. */
export const KNOW_HOW_WARNING_LABELS: Record<(typeof KNOW_HOW_WARNINGS)[number], Bilingual> = {
  single_person_all_steps: {
    ja: '1人で全工程のノウハウを持っています（その人が抜けると技術一式が流出・喪失するおそれ）',
    en: 'One person holds the know-how of every step (their departure could take the whole technology)',
  },
  step_without_holder: { ja: 'ノウハウを持つ人がいない工程があります', en: 'A step has nobody who holds its know-how' },
  single_holder_step: { ja: '1人しかノウハウを持たない工程があります', en: 'A step has only one holder' },
  holder_leaving: { ja: 'ノウハウ保有者が退職予定です', en: 'A know-how holder is leaving' },
  holder_left: { ja: 'ノウハウ保有者が退職済みです', en: 'A know-how holder has left' },
};

/** The analysis of a know-how map (pure rules in the server; register.md explains them). */
export const KnowHowAnalysis = z.object({
  level: z.enum(CONCENTRATION_RISK_LEVELS),
  /** The fewest people whose departure leaves a step with nobody (people who have left count as gone already). */
  busFactor: z.number().int().nullable(),
  /** People who alone cover every step (depth ≥ 2). */
  singlePersonAllSteps: z.array(z.uuid()),
  /** The people whose departure together empties a step (one smallest set). */
  criticalPeople: z.array(z.uuid()),
  warnings: z.array(
    z.object({
      kind: z.enum(KNOW_HOW_WARNINGS),
      personId: z.uuid().nullable(),
      stepId: z.uuid().nullable(),
    }),
  ),
});
/** The analysis of a know-how map. */
export type KnowHowAnalysis = z.infer<typeof KnowHowAnalysis>;

/** GET /register/technologies/:id/know-how: the people × steps matrix with its analysis. */
export const KnowHowMapView = z.object({
  technologyId: z.uuid(),
  steps: z.array(
    z.object({ id: z.uuid(), position: z.number().int(), name: z.string(), description: z.string().nullable() }),
  ),
  people: z.array(
    z.object({
      id: z.uuid(),
      employeeId: z.string(),
      name: z.string(),
      department: z.string().nullable(),
      employmentType: EmploymentTypeSchema,
      status: PersonStatusSchema,
      lastWorkingDay: z.string().nullable(),
    }),
  ),
  holdings: z.array(z.object({ stepId: z.uuid(), personId: z.uuid(), depth: KnowHowDepth })),
  analysis: KnowHowAnalysis,
  /** The technology's version: saving the map bumps it. */
  version: z.number().int(),
  abilities: z.object({ edit: z.boolean() }),
});
/** The know-how map of a technology. */
export type KnowHowMapView = z.infer<typeof KnowHowMapView>;

/** GET /register/concentration: the register ranked by concentration risk (highest first). */
export const ConcentrationRankingQuery = ListQuery.extend({
  level: z.enum(CONCENTRATION_RISK_LEVELS).optional(),
  core: z.enum(['true', 'false']).optional(),
});
/** One row of the concentration ranking. */
export const ConcentrationRankingItem = z.object({
  technologyId: z.uuid(),
  code: z.string(),
  nameJa: z.string(),
  isCore: z.boolean(),
  classificationCode: z.string(),
  steps: z.number().int(),
  holders: z.number().int(),
  concentration: ConcentrationSummary,
  /** Names of the people whose departure empties a step. */
  criticalPeople: z.array(z.object({ id: z.uuid(), name: z.string(), status: PersonStatusSchema })),
});
/** A page of the concentration ranking. */
export const ConcentrationRanking = pageOf(ConcentrationRankingItem);

// ---------------------------------------------------------------------------------------------------------------
// Import / export
// ---------------------------------------------------------------------------------------------------------------

/**
 * The register's spreadsheet columns in template order (Japanese header written by the template and exports; the
 * English header is accepted on import). Lists inside a cell are separated by line breaks or 「、」「,」; locations use
 * one line per location `拠点|名称|国コード|詳細` or `システム|名称||パス`.
 */
export const REGISTER_IMPORT_COLUMNS = [
  { key: 'code', ja: '技術コード', en: 'Technology code', required: true },
  { key: 'nameJa', ja: '技術名', en: 'Name (Japanese)', required: true },
  { key: 'nameEn', ja: '技術名（英語）', en: 'Name (English)', required: false },
  { key: 'description', ja: '概要', en: 'Description', required: false },
  { key: 'products', ja: '使用製品', en: 'Products', required: false },
  { key: 'ownerEmail', ja: '技術オーナー（メール）', en: 'Owner e-mail', required: false },
  { key: 'department', ja: '担当部署', en: 'Department', required: false },
  { key: 'classification', ja: '機密区分', en: 'Classification', required: true },
  { key: 'isCore', ja: 'コア技術', en: 'Core technology', required: false },
  { key: 'coreReason', ja: 'コア技術の理由', en: 'Core reason', required: false },
  { key: 'designatedCodes', ja: '重要管理対象技術', en: 'Designated technologies', required: false },
  { key: 'exportControlStatus', ja: '該非判定', en: 'Export control', required: false },
  { key: 'exportControlRef', ja: '該当項番', en: 'List item', required: false },
  { key: 'exportControlAssessor', ja: '判定者', en: 'Assessor', required: false },
  { key: 'exportControlDate', ja: '判定日', en: 'Assessed on', required: false },
  { key: 'locations', ja: '保管場所', en: 'Locations', required: false },
  { key: 'reviewIntervalMonths', ja: '見直し周期（月）', en: 'Review every (months)', required: false },
  { key: 'lastReviewedOn', ja: '最終見直し日', en: 'Last reviewed on', required: false },
] as const;
