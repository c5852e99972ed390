import { z } from 'zod';
import { IsoDate, ListQuery, pageOf } from './common';
import type { Bilingual } from './errors';

/** The reference catalogues Kakine versions: designated technologies, countries with Group A, the End User List. */
export const CATALOGUE_NAMES = ['designated_technologies', 'countries', 'end_user_list'] as const;
/** A catalogue name as stored (`catalogue_versions.catalogue`). */
export type CatalogueName = (typeof CATALOGUE_NAMES)[number];
/** Zod schema of a catalogue name. */
export const CatalogueNameSchema = z.enum(CATALOGUE_NAMES);

/** The URL segment of each catalogue, as in `/catalogues/end-user-list`. */
export const CATALOGUE_SEGMENTS = {
  designated_technologies: 'designated-technologies',
  countries: 'countries',
  end_user_list: 'end-user-list',
} as const satisfies Record<CatalogueName, string>;
/** A catalogue's URL segment. */
export type CatalogueSegment = (typeof CATALOGUE_SEGMENTS)[CatalogueName];
/** Zod schema of a catalogue URL segment. */
export const CatalogueSegmentSchema = z.enum(['designated-technologies', 'countries', 'end-user-list']);

const CATALOGUE_BY_SEGMENT: Record<CatalogueSegment, CatalogueName> = {
  'designated-technologies': 'designated_technologies',
  countries: 'countries',
  'end-user-list': 'end_user_list',
};

/** The catalogue a URL segment names. */
export const catalogueOfSegment = (segment: CatalogueSegment): CatalogueName => CATALOGUE_BY_SEGMENT[segment];

/** The title of each catalogue in both languages. */
export const CATALOGUE_TITLES: Record<CatalogueName, Bilingual> = {
  designated_technologies: { ja: '重要管理対象技術', en: 'Designated technologies' },
  countries: { ja: '国・地域とグループA', en: 'Countries and Group A' },
  end_user_list: { ja: '外国ユーザーリスト', en: 'End User List' },
};

/**
 * How certain a catalogue fact is (domain reference tags): C confirmed by the cited source, I inference or
 * editorial choice (never present it as law), U unknown (needs a primary-source check).
 */
export const FactStatusSchema = z.enum(['C', 'I', 'U']);
/** A fact's certainty tag. */
export type FactStatus = z.infer<typeof FactStatusSchema>;

/** One published edition of a catalogue. */
export const CatalogueVersionView = z.object({
  id: z.uuid(),
  catalogue: CatalogueNameSchema,
  label: z.string(),
  /** The first day this version is in force (inclusive); it stays in force until a later version starts. */
  effectiveFrom: IsoDate,
  source: z.string(),
  sourceUrl: z.string().nullable(),
  /** The attribution the source's terms require (the End User List: 出典：経済産業省「外国ユーザーリスト」(日付)). */
  attribution: z.string().nullable(),
  notes: z.string().nullable(),
  entryCount: z.number().int(),
  /** Hex SHA-256 of the file(s) the version was read from. */
  fileSha256: z.string().nullable(),
  /** True for the versions shipped with Kakine (catalogues/ folder), loaded at start-up. */
  bundled: z.boolean(),
  /** True for the version in force today (Japan time). */
  inForceToday: z.boolean(),
  publishedAt: z.iso.datetime(),
  /** The publishing person's name, shown only to members of the publishing organisation; null otherwise. */
  publishedByName: z.string().nullable(),
  /** The publishing organisation; null for bundled versions. */
  publishedByOrganisationJa: z.string().nullable(),
  publishedByOrganisationEn: z.string().nullable(),
});
/** A catalogue version as the API returns it. */
export type CatalogueVersionView = z.infer<typeof CatalogueVersionView>;

/** GET /catalogues: every catalogue with its versions, newest effective date first. */
export const CatalogueList = z.object({
  items: z.array(
    z.object({
      catalogue: CatalogueNameSchema,
      titleJa: z.string(),
      titleEn: z.string(),
      versions: z.array(CatalogueVersionView),
    }),
  ),
});
/** The catalogue list as the API returns it. */
export type CatalogueList = z.infer<typeof CatalogueList>;

const booleanQuery = z
  .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1');

const searchText = z.string().trim().max(200);
const exportFormat = z.enum(['json', 'csv', 'xlsx']).default('json');

// ---------------------------------------------------------------------------------------------------------------
// Designated technologies

/**
 * GET /catalogues/designated-technologies: the technologies in force on `asOf` (default today in Japan) from the
 * version in force that day; with `versionId`, that version's entries (all of them, or those in force on `asOf`).
 */
export const DesignatedTechnologiesQuery = z.object({
  asOf: IsoDate.optional(),
  versionId: z.uuid().optional(),
  format: exportFormat,
});
/** Parsed designated-technologies query. */
export type DesignatedTechnologiesQuery = z.infer<typeof DesignatedTechnologiesQuery>;

/** One designated technology (重要管理対象技術) with its validity, legal reference, source and certainty. */
export const DesignatedTechnologyView = z.object({
  code: z.string(),
  number: z.number().int(),
  nameJa: z.string(),
  nameEn: z.string(),
  groupJa: z.string().nullable(),
  groupEn: z.string().nullable(),
  /** First day in force (inclusive). */
  inForceFrom: IsoDate,
  /** Last day in force (inclusive), or null when open-ended. */
  inForceTo: IsoDate.nullable(),
  legalReference: z.string(),
  source: z.string(),
  status: FactStatusSchema,
  /** Which fields are weaker than `status` ([I] or [U]) and why. */
  statusNote: z.string().nullable(),
});
/** A designated technology as the API returns it. */
export type DesignatedTechnologyView = z.infer<typeof DesignatedTechnologyView>;

/** The designated technologies answer: the date asked (null when a whole version was asked), the version, entries. */
export const DesignatedTechnologiesResponse = z.object({
  asOf: IsoDate.nullable(),
  version: CatalogueVersionView.nullable(),
  items: z.array(DesignatedTechnologyView),
});
/** The designated technologies answer as the API returns it. */
export type DesignatedTechnologiesResponse = z.infer<typeof DesignatedTechnologiesResponse>;

// ---------------------------------------------------------------------------------------------------------------
// Countries

/** GET /catalogues/countries: countries of the version in force on `asOf`, with Group A membership on that date. */
export const CountriesQuery = ListQuery.extend({
  asOf: IsoDate.optional(),
  /** Part of the Japanese or English name, or a code (alpha-2, alpha-3, numeric). */
  q: searchText.optional(),
  /** `true`: only Group A members on `asOf`; `false`: only non-members. */
  groupA: booleanQuery.optional(),
  sort: z.enum(['alpha2', 'nameJa', 'nameEn']).default('alpha2'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
/** Parsed countries query. */
export type CountriesQuery = z.infer<typeof CountriesQuery>;

/** A dated group membership as valid on the asked date. */
export const CountryGroupMembershipView = z.object({
  effectiveFrom: IsoDate,
  effectiveTo: IsoDate.nullable(),
  source: z.string(),
  status: FactStatusSchema,
  statusNote: z.string().nullable(),
});
/** A group membership as the API returns it. */
export type CountryGroupMembershipView = z.infer<typeof CountryGroupMembershipView>;

/** A country or region (ISO 3166-1) and whether it is in Group A (輸出令別表第3) on the asked date. */
export const CountryView = z.object({
  alpha2: z.string(),
  alpha3: z.string(),
  numeric: z.string(),
  nameJa: z.string(),
  nameEn: z.string(),
  groupA: z.boolean(),
  /** The Group A membership valid on the asked date, or null when not a member that day. */
  groupAMembership: CountryGroupMembershipView.nullable(),
});
/** A country as the API returns it. */
export type CountryView = z.infer<typeof CountryView>;

/** A page of countries with the date and version they were read from. */
export const CountryPage = pageOf(CountryView).extend({
  asOf: IsoDate,
  version: CatalogueVersionView.nullable(),
});
/** A page of countries as the API returns it. */
export type CountryPage = z.infer<typeof CountryPage>;

// ---------------------------------------------------------------------------------------------------------------
// End User List

/** The concern codes of the End User List (B biological, C chemical, M missile, N nuclear) and CW conventional. */
export const EndUserConcernSchema = z.enum(['B', 'C', 'M', 'N']);
/** A WMD concern code. */
export type EndUserConcern = z.infer<typeof EndUserConcernSchema>;

/** GET /catalogues/end-user-list: the edition in force on `asOf`, searched, filtered and paged. */
export const EndUserListQuery = ListQuery.extend({
  asOf: IsoDate.optional(),
  /** Part of the name or an alias; case, width and spacing are ignored (NFKC). */
  q: searchText.optional(),
  /** The country or region as the list writes it, in Japanese or English (e.g. イラン or Islamic Republic of Iran). */
  country: searchText.optional(),
  /** A WMD concern code, or CW for entities of concern for conventional weapons. */
  concern: z.enum(['B', 'C', 'M', 'N', 'CW']).optional(),
  sort: z.enum(['number', 'name', 'country']).default('number'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
/** Parsed End User List query. */
export type EndUserListQuery = z.infer<typeof EndUserListQuery>;

/** One entity of the METI End User List (外国ユーザーリスト). */
export const EndUserListEntryView = z.object({
  number: z.number().int(),
  countryJa: z.string(),
  countryEn: z.string(),
  name: z.string(),
  aliases: z.array(z.string()),
  concerns: z.array(EndUserConcernSchema),
  conventionalWeapons: z.boolean(),
});
/** An End User List entry as the API returns it. */
export type EndUserListEntryView = z.infer<typeof EndUserListEntryView>;

/** A country or region of the End User List edition with its number of entities, for filters. */
export const EndUserListCountryView = z.object({
  countryJa: z.string(),
  countryEn: z.string(),
  count: z.number().int(),
});

/**
 * A page of the End User List. `attribution` is the credit that every display or export of these (split and
 * normalised) entries must carry: 「…を加工して作成」 after the version's own 出典 line.
 */
export const EndUserListPage = pageOf(EndUserListEntryView).extend({
  asOf: IsoDate,
  version: CatalogueVersionView.nullable(),
  attribution: z.string().nullable(),
  countries: z.array(EndUserListCountryView),
});
/** A page of the End User List as the API returns it. */
export type EndUserListPage = z.infer<typeof EndUserListPage>;

// ---------------------------------------------------------------------------------------------------------------
// Differences between versions

/** GET /catalogues/:catalogue/versions/:a/diff/:b: what changed from version a to version b. */
export const CatalogueDiffParams = z.object({
  catalogue: CatalogueSegmentSchema,
  a: z.uuid(),
  b: z.uuid(),
});
/** Parsed diff path parameters. */
export type CatalogueDiffParams = z.infer<typeof CatalogueDiffParams>;

const diffSummary = z.object({
  added: z.number().int(),
  removed: z.number().int(),
  changed: z.number().int(),
  unchanged: z.number().int(),
});

const changeOf = <T extends z.ZodType>(entry: T) =>
  z.object({
    /** What matched the two entries: the code, the alpha-2, or the normalised name and country. */
    key: z.string(),
    /** The names of the fields that differ. */
    fields: z.array(z.string()),
    before: entry,
    after: entry,
  });

const diffOf = <C extends CatalogueName, T extends z.ZodType>(catalogue: C, entry: T) =>
  z.object({
    catalogue: z.literal(catalogue),
    from: CatalogueVersionView,
    to: CatalogueVersionView,
    summary: diffSummary,
    added: z.array(entry),
    removed: z.array(entry),
    changed: z.array(changeOf(entry)),
  });

/** A country in a version comparison: its names and codes and every group membership period of the version. */
export const CountryDiffEntry = z.object({
  alpha2: z.string(),
  alpha3: z.string(),
  numeric: z.string(),
  nameJa: z.string(),
  nameEn: z.string(),
  memberships: z.array(
    CountryGroupMembershipView.extend({ groupCode: z.string() }).omit({ source: true, statusNote: true }),
  ),
});

/**
 * The differences between two versions of one catalogue. Designated technologies match by code, countries by
 * alpha-2 and End User List entities by normalised name and country (never by No., which METI renumbers).
 */
export const CatalogueDiff = z.discriminatedUnion('catalogue', [
  diffOf('designated_technologies', DesignatedTechnologyView),
  diffOf('countries', CountryDiffEntry),
  diffOf('end_user_list', EndUserListEntryView),
]);
/** A version comparison as the API returns it. */
export type CatalogueDiff = z.infer<typeof CatalogueDiff>;

// ---------------------------------------------------------------------------------------------------------------
// Publishing

/** POST /catalogues/:catalogue/versions path parameter. */
export const CatalogueParams = z.object({ catalogue: CatalogueSegmentSchema });

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v === '' ? undefined : v));

/**
 * The form fields of POST /catalogues/:catalogue/versions (multipart/form-data, with the file in part `file`).
 * `attribution` is required for the End User List (the terms of use ask for it).
 */
export const PublishCatalogueVersionFields = z.object({
  effectiveFrom: IsoDate,
  label: z.string().trim().min(1).max(300),
  source: z.string().trim().min(1).max(2000),
  sourceUrl: z
    .string()
    .trim()
    .max(2000)
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .pipe(z.url({ protocol: /^https?$/ }).optional()),
  notes: optionalText(4000),
  attribution: optionalText(500),
});
/** Parsed publishing form fields. */
export type PublishCatalogueVersionFields = z.infer<typeof PublishCatalogueVersionFields>;

/** The answer to a publishing request: the background job that validates and inserts the version. */
export const PublishCatalogueVersionResponse = z.object({ jobId: z.uuid() });
/** The publishing answer as the API returns it. */
export type PublishCatalogueVersionResponse = z.infer<typeof PublishCatalogueVersionResponse>;

/**
 * One problem of an uploaded catalogue file (the `errors` of `catalogue/invalid_file`): the 1-based row or line
 * (null for the whole file), the field or column, a stable code and the message in the publisher's language.
 */
export const CatalogueFileProblem = z.object({
  row: z.number().int().nullable(),
  field: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});
/** A catalogue file problem as reported. */
export type CatalogueFileProblem = z.infer<typeof CatalogueFileProblem>;

/** The details of `catalogue/invalid_file`: the problems (at most 500) and how many there were in all. */
export const CatalogueInvalidFileDetails = z.object({
  errors: z.array(CatalogueFileProblem),
  total: z.number().int(),
});
/** The details of a rejected catalogue file. */
export type CatalogueInvalidFileDetails = z.infer<typeof CatalogueInvalidFileDetails>;

/** The result of a successful `catalogue.publish` job. */
export const CataloguePublishResult = z.object({
  versionId: z.uuid(),
  catalogue: CatalogueNameSchema,
  effectiveFrom: IsoDate,
  entryCount: z.number().int(),
});
/** The result of a successful publishing job. */
export type CataloguePublishResult = z.infer<typeof CataloguePublishResult>;
