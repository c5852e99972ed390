import {
  CATALOGUE_NAMES,
  CATALOGUE_TITLES,
  type CatalogueDiff,
  type CatalogueDiffParams,
  type CatalogueList,
  type CatalogueName,
  type CataloguePublishResult,
  type CatalogueVersionView,
  type CountriesQuery,
  type CountryPage,
  type CountryView,
  catalogueOfSegment,
  type DesignatedTechnologiesQuery,
  type DesignatedTechnologiesResponse,
  type EndUserListEntryView,
  type EndUserListPage,
  type EndUserListQuery,
  hasPermission,
  type Locale,
  type PublishCatalogueVersionFields,
} from '@kakine/contracts';
import { type Actor, requirePermission } from '../../platform/actor/actor';
import { type AuditOrigin, recordAudit } from '../../platform/audit/audit.recorder';
import type { Clock } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import { AppError } from '../../platform/errors/app-error';
import type { FileStore } from '../../platform/files/file-store';
import type { JobContext, JobQueue } from '../../platform/jobs/job-queue';
import type { Logger } from '../../platform/logger/logger';
import type { NewNotification, Notifier } from '../../platform/notifications/notifier';
import { pickVersionInForce, technologiesInForceOn } from './as-of.rules';
import type { CountryEntry, CountryGroupMembershipEntry, DesignatedTechnologyEntry } from './catalogue-files.rules';
import { entryCountOf, invalidFileDetails, parseCatalogueUpload, rowCountOf, writeVersion } from './catalogue-import';
import {
  countriesOnDate,
  derivedAttribution,
  diffEntries,
  type EntryDiff,
  endUserCountries,
  endUserEntriesMatching,
  endUserKey,
  pageOfItems,
  todayInJapan,
} from './catalogue-query.rules';
import { CATALOGUE_FILE_RECORD_TYPE, CATALOGUE_UPLOAD_TYPES, catalogueFileRecordId } from './catalogues.policy';
import * as repo from './catalogues.repository';

/** The kind of the background job that validates an uploaded catalogue file and stores it as a version. */
export const PUBLISH_JOB_KIND = 'catalogue.publish';

/** What a publishing job needs besides its run context; stored with the run, so JSON without secrets. */
export type PublishJobInput = {
  catalogue: CatalogueName;
  fileId: string;
  fileName: string;
  effectiveFrom: string;
  label: string;
  source: string;
  sourceUrl: string | null;
  notes: string | null;
  attribution: string | null;
  /** The language of the publisher, for the row-level error report. */
  locale: Locale;
  ip: string | null;
};

/** How many versions' entries the service keeps in memory; versions never change once stored. */
const ENTRY_CACHE_VERSIONS = 12;

type CountriesData = { countries: CountryEntry[]; memberships: CountryGroupMembershipEntry[] };

const RESPECTS_TERMS_NOTE = {
  ja: '政府標準利用規約（第2.0版）に準拠して利用しています。',
  en: 'Used under the Government of Japan Standard Terms of Use (Version 2.0).',
};

/**
 * Creates the catalogues service: as-of queries over the versioned reference catalogues (any signed-in organisation
 * with `catalogue:read`), version comparisons, and publishing of new versions by METI catalogue administrators
 * through a background job that stores the version in one transaction with its audit event.
 */
export const createCataloguesService = (deps: {
  db: Database;
  clock: Clock;
  log: Logger;
  store: Pick<FileStore, 'save' | 'read'>;
  jobs: Pick<JobQueue, 'enqueue'>;
  notifier: Notifier;
  exportLimit: number;
}) => {
  const { db, clock, log, store, jobs, notifier } = deps;

  // Entries of stored versions, by version id (immutable once committed), least recently used first.
  const entryCache = new Map<string, Promise<unknown>>();
  const cached = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    const hit = entryCache.get(key);
    if (hit) {
      entryCache.delete(key);
      entryCache.set(key, hit);
      return hit as Promise<T>;
    }
    const loading = load();
    entryCache.set(key, loading);
    loading.catch(() => entryCache.delete(key));
    while (entryCache.size > ENTRY_CACHE_VERSIONS) entryCache.delete(entryCache.keys().next().value as string);
    return loading;
  };

  const technologiesOf = (actor: Actor, versionId: string) =>
    cached<DesignatedTechnologyEntry[]>(`t:${versionId}`, () =>
      db.tenant(actor.tenantId, (tx) => repo.technologiesOf(tx, versionId)),
    );
  const countriesOf = (actor: Actor, versionId: string) =>
    cached<CountriesData>(`c:${versionId}`, () =>
      db.tenant(actor.tenantId, async (tx) => ({
        countries: await repo.countriesOf(tx, versionId),
        memberships: await repo.membershipsOf(tx, versionId),
      })),
    );
  const endUsersOf = (actor: Actor, versionId: string) =>
    cached<EndUserListEntryView[]>(`e:${versionId}`, () =>
      db.tenant(actor.tenantId, async (tx) =>
        (await repo.endUserEntriesOf(tx, versionId)).map((e) => ({
          number: e.number,
          countryJa: e.countryJa,
          countryEn: e.countryEn,
          name: e.name,
          aliases: e.aliases,
          concerns: e.concerns as EndUserListEntryView['concerns'],
          conventionalWeapons: e.conventionalWeapons,
        })),
      ),
    );

  const versionsOf = (actor: Actor, catalogue?: CatalogueName) =>
    db.tenant(actor.tenantId, (tx) => repo.listVersions(tx, catalogue));

  /**
   * Views of stored versions for the actor. The publisher's name is shown only inside the publishing organisation;
   * other organisations see which organisation published.
   */
  const toViews = async (
    actor: Actor,
    versions: readonly repo.StoredVersion[],
    all: readonly repo.StoredVersion[],
  ): Promise<CatalogueVersionView[]> => {
    const today = todayInJapan(clock());
    const current = new Set(
      CATALOGUE_NAMES.map(
        (name) =>
          pickVersionInForce(
            all.filter((v) => v.catalogue === name),
            today,
          )?.id,
      ),
    );
    const ids = [...new Set(versions.map((v) => v.publishedBy).filter((id): id is string => id !== null))];
    const publishers = ids.length === 0 ? [] : await db.system((tx) => repo.publishersOf(tx, ids)); // publishers are in other tenants
    return versions.map((v) => {
      const publisher = publishers.find((p) => p.userId === v.publishedBy);
      return {
        id: v.id,
        catalogue: v.catalogue,
        label: v.label,
        effectiveFrom: v.effectiveFrom,
        source: v.source,
        sourceUrl: v.sourceUrl,
        attribution: v.attribution,
        notes: v.notes,
        entryCount: v.entryCount,
        fileSha256: v.fileSha256,
        bundled: v.publishedBy === null,
        inForceToday: current.has(v.id),
        publishedAt: v.publishedAt.toISOString(),
        publishedByName: publisher && publisher.tenantId === actor.tenantId ? publisher.displayName : null,
        publishedByOrganisationJa: publisher?.organisationJa ?? null,
        publishedByOrganisationEn: publisher?.organisationEn ?? null,
      };
    });
  };

  const toView = async (actor: Actor, version: repo.StoredVersion, all: readonly repo.StoredVersion[]) =>
    (await toViews(actor, [version], all))[0] as CatalogueVersionView;

  /** Every catalogue with its versions, newest effective date first. */
  const list = async (actor: Actor): Promise<CatalogueList> => {
    requirePermission(actor, 'catalogue:read');
    const versions = await versionsOf(actor);
    const views = await toViews(actor, versions, versions);
    return {
      items: CATALOGUE_NAMES.map((catalogue) => ({
        catalogue,
        titleJa: CATALOGUE_TITLES[catalogue].ja,
        titleEn: CATALOGUE_TITLES[catalogue].en,
        versions: views.filter((v) => v.catalogue === catalogue),
      })),
    };
  };

  /**
   * The designated technologies in force on `asOf` (default today in Japan) from the version in force that day, or,
   * with `versionId`, the entries of that version (only those in force on `asOf` when it is given).
   */
  const designatedTechnologies = async (
    actor: Actor,
    query: Pick<DesignatedTechnologiesQuery, 'asOf' | 'versionId'>,
  ): Promise<DesignatedTechnologiesResponse> => {
    requirePermission(actor, 'catalogue:read');
    const versions = await versionsOf(actor, 'designated_technologies');
    let version: repo.StoredVersion | undefined;
    let asOf: string | null;
    if (query.versionId) {
      version = versions.find((v) => v.id === query.versionId);
      if (!version) throw new AppError('catalogue/version_not_found', { versionId: query.versionId });
      asOf = query.asOf ?? null;
    } else {
      asOf = query.asOf ?? todayInJapan(clock());
      version = pickVersionInForce(versions, asOf);
    }
    if (!version) return { asOf, version: null, items: [] };
    const entries = await technologiesOf(actor, version.id);
    return {
      asOf,
      version: await toView(actor, version, versions),
      items: asOf === null ? entries : technologiesInForceOn(entries, asOf),
    };
  };

  const countriesMatching = async (actor: Actor, query: Omit<CountriesQuery, 'page' | 'pageSize' | 'format'>) => {
    requirePermission(actor, 'catalogue:read');
    const asOf = query.asOf ?? todayInJapan(clock());
    const versions = await versionsOf(actor, 'countries');
    const version = pickVersionInForce(versions, asOf);
    if (!version) return { asOf, version: null, items: [] as CountryView[] };
    const data = await countriesOf(actor, version.id);
    const items = countriesOnDate(data.countries, data.memberships, asOf, query);
    return { asOf, version: await toView(actor, version, versions), items };
  };

  /** One page of the countries of the version in force on `asOf`, with Group A membership on that date. */
  const countries = async (actor: Actor, query: CountriesQuery): Promise<CountryPage> => {
    const { asOf, version, items } = await countriesMatching(actor, query);
    return {
      asOf,
      version,
      items: pageOfItems(items, query.page, query.pageSize),
      page: query.page,
      pageSize: query.pageSize,
      total: items.length,
    };
  };

  /** Every matching country, for a CSV or XLSX download. */
  const exportCountries = async (actor: Actor, query: CountriesQuery) => {
    const result = await countriesMatching(actor, query);
    return { ...result, items: result.items.slice(0, deps.exportLimit), exportedAt: clock() };
  };

  const endUsersMatching = async (actor: Actor, query: Omit<EndUserListQuery, 'page' | 'pageSize' | 'format'>) => {
    requirePermission(actor, 'catalogue:read');
    const asOf = query.asOf ?? todayInJapan(clock());
    const versions = await versionsOf(actor, 'end_user_list');
    const version = pickVersionInForce(versions, asOf);
    if (!version) return { asOf, version: null, attribution: null, countries: [], items: [] as EndUserListEntryView[] };
    const entries = await endUsersOf(actor, version.id);
    return {
      asOf,
      version: await toView(actor, version, versions),
      attribution: derivedAttribution(version.attribution),
      countries: endUserCountries(entries),
      items: endUserEntriesMatching(entries, query),
    };
  };

  /**
   * One page of the End User List edition in force on `asOf`, searched by name or alias, filtered by country and
   * concern, with the derived-content attribution and the edition's countries.
   */
  const endUserList = async (actor: Actor, query: EndUserListQuery): Promise<EndUserListPage> => {
    const result = await endUsersMatching(actor, query);
    return {
      ...result,
      items: pageOfItems(result.items, query.page, query.pageSize),
      page: query.page,
      pageSize: query.pageSize,
      total: result.items.length,
    };
  };

  /**
   * Every matching End User List entry for a CSV or XLSX download, with the lines the terms of use require:
   * the source as METI names it, the note that the entries were edited, and the terms.
   */
  const exportEndUserList = async (actor: Actor, query: EndUserListQuery, locale: Locale) => {
    const result = await endUsersMatching(actor, query);
    const credits = [result.version?.attribution ?? null, result.attribution, RESPECTS_TERMS_NOTE[locale]].filter(
      (line): line is string => line !== null,
    );
    return {
      items: result.items.slice(0, deps.exportLimit),
      credits: result.version ? credits : [],
      exportedAt: clock(),
    };
  };

  /** Every designated technology of the answer, for a CSV or XLSX download. */
  const exportDesignatedTechnologies = async (actor: Actor, query: DesignatedTechnologiesQuery) => ({
    ...(await designatedTechnologies(actor, query)),
    exportedAt: clock(),
  });

  /**
   * What changed from version `a` to version `b` of one catalogue: technologies matched by code, countries by
   * alpha-2 (with their group memberships), End User List entities by normalised name and country.
   */
  const diff = async (actor: Actor, params: CatalogueDiffParams): Promise<CatalogueDiff> => {
    requirePermission(actor, 'catalogue:read');
    const catalogue = catalogueOfSegment(params.catalogue);
    const versions = await versionsOf(actor, catalogue);
    const find = (id: string) => {
      const version = versions.find((v) => v.id === id);
      if (!version) throw new AppError('catalogue/version_not_found', { catalogue, versionId: id });
      return version;
    };
    const [from, to] = [find(params.a), find(params.b)];
    const header = async <E>(result: EntryDiff<E>) => ({
      from: await toView(actor, from, versions),
      to: await toView(actor, to, versions),
      summary: {
        added: result.added.length,
        removed: result.removed.length,
        changed: result.changed.length,
        unchanged: result.unchanged,
      },
      ...result,
    });
    if (catalogue === 'designated_technologies') {
      const result = diffEntries(
        await technologiesOf(actor, from.id),
        await technologiesOf(actor, to.id),
        (t) => t.code,
        [
          'number',
          'nameJa',
          'nameEn',
          'groupJa',
          'groupEn',
          'inForceFrom',
          'inForceTo',
          'legalReference',
          'source',
          'status',
          'statusNote',
        ],
      );
      const { unchanged: _u, ...rest } = await header(result);
      return { catalogue, ...rest };
    }
    if (catalogue === 'countries') {
      const withMemberships = (data: CountriesData) =>
        data.countries.map((c) => ({
          ...c,
          memberships: data.memberships
            .filter((m) => m.alpha2 === c.alpha2)
            .map((m) => ({
              groupCode: m.groupCode,
              effectiveFrom: m.effectiveFrom,
              effectiveTo: m.effectiveTo,
              status: m.status,
            })),
        }));
      const result = diffEntries(
        withMemberships(await countriesOf(actor, from.id)),
        withMemberships(await countriesOf(actor, to.id)),
        (c) => c.alpha2,
        ['alpha3', 'numeric', 'nameJa', 'nameEn', 'memberships'],
      );
      const { unchanged: _u, ...rest } = await header(result);
      return { catalogue, ...rest };
    }
    const result = diffEntries(await endUsersOf(actor, from.id), await endUsersOf(actor, to.id), endUserKey, [
      'name',
      'countryEn',
      'aliases',
      'concerns',
      'conventionalWeapons',
    ]);
    const { unchanged: _u, ...rest } = await header(result);
    return { catalogue, ...rest };
  };

  /**
   * Starts publishing a new version: checks the permission, the attribution the End User List's terms need and
   * that no version has this effective date, stores the upload (type checked from its bytes) and queues the
   * `catalogue.publish` job that validates and stores it; returns the job's id.
   */
  const requestPublication = async (
    actor: Actor,
    catalogue: CatalogueName,
    fields: PublishCatalogueVersionFields,
    upload: { name: string; bytes: Buffer },
  ): Promise<{ jobId: string }> => {
    requirePermission(actor, 'catalogue:publish');
    if (catalogue === 'end_user_list' && !fields.attribution) {
      throw new AppError('request/invalid', {
        in: 'body',
        fields: [
          {
            path: 'attribution',
            message:
              actor.locale === 'ja'
                ? '外国ユーザーリストには出典表示が必要です（例：出典：経済産業省「外国ユーザーリスト」(2025年9月29日)）'
                : 'The End User List needs its attribution, e.g. 出典：経済産業省「外国ユーザーリスト」(2025年9月29日)',
          },
        ],
      });
    }
    const existing = await db.tenant(actor.tenantId, (tx) =>
      repo.findVersionByDate(tx, catalogue, fields.effectiveFrom),
    );
    if (existing) {
      throw new AppError('catalogue/version_exists', {
        catalogue,
        effectiveFrom: fields.effectiveFrom,
        versionId: existing.id,
      });
    }
    const file = await store.save(actor, {
      name: upload.name,
      bytes: upload.bytes,
      recordType: CATALOGUE_FILE_RECORD_TYPE,
      recordId: catalogueFileRecordId(catalogue, fields.effectiveFrom),
      allowedTypes: CATALOGUE_UPLOAD_TYPES[catalogue],
    });
    const input: PublishJobInput = {
      catalogue,
      fileId: file.id,
      fileName: file.name,
      effectiveFrom: fields.effectiveFrom,
      label: fields.label,
      source: fields.source,
      sourceUrl: fields.sourceUrl ?? null,
      notes: fields.notes ?? null,
      attribution: fields.attribution ?? null,
      locale: actor.locale,
      ip: actor.ip,
    };
    const jobId = await jobs.enqueue({ tenantId: actor.tenantId, userId: actor.userId }, PUBLISH_JOB_KIND, input);
    return { jobId };
  };

  /** The publisher as they are now: still active, still in the run's organisation, still allowed to publish. */
  const publisherOf = async (context: JobContext, input: PublishJobInput): Promise<Actor> => {
    const account = context.userId
      ? await db.system((tx) => repo.findPublisherAccount(tx, context.userId as string))
      : null;
    if (
      account?.status !== 'active' ||
      account.tenantId !== context.tenantId ||
      !hasPermission(account.organisationKind, account.roles, 'catalogue:publish')
    ) {
      throw new AppError('auth/forbidden', { permission: 'catalogue:publish' });
    }
    return {
      userId: account.userId,
      tenantId: account.tenantId,
      organisationKind: account.organisationKind,
      roles: account.roles,
      label: `${account.displayName} <${account.email}>`,
      locale: input.locale,
      ip: input.ip,
      sessionId: null,
    };
  };

  const publishedNotification = (input: PublishJobInput, entries: number): NewNotification => {
    const title = CATALOGUE_TITLES[input.catalogue];
    return {
      kind: 'catalogue.version_published',
      titleJa: `カタログ「${title.ja}」の新しい版が公開されました`,
      titleEn: `A new version of the ${title.en} catalogue was published`,
      bodyJa: `${input.label}（${input.effectiveFrom}発効、${entries}件）`,
      bodyEn: `${input.label} (in force from ${input.effectiveFrom}, ${entries} entries)`,
      link: '/catalogues',
      email: true,
    };
  };

  const failedNotification = (input: PublishJobInput, error: unknown): NewNotification => {
    const title = CATALOGUE_TITLES[input.catalogue];
    const reason =
      error instanceof AppError && error.code === 'catalogue/invalid_file'
        ? {
            ja: `ファイルに${(error.details as { total: number }).total}件の誤りがあります。ジョブの詳細を確認してください。`,
            en: `The file has ${(error.details as { total: number }).total} problem(s); see the job's details.`,
          }
        : error instanceof AppError && error.code === 'catalogue/version_exists'
          ? { ja: '同じ発効日の版がすでにあります。', en: 'A version with this effective date already exists.' }
          : { ja: '公開処理を完了できませんでした。', en: 'The publication could not be completed.' };
    return {
      kind: 'catalogue.publish_failed',
      titleJa: `カタログ「${title.ja}」の公開に失敗しました`,
      titleEn: `Publishing a version of the ${title.en} catalogue failed`,
      bodyJa: `${input.label}（${input.effectiveFrom}発効）：${reason.ja}`,
      bodyEn: `${input.label} (in force from ${input.effectiveFrom}): ${reason.en}`,
      link: '/catalogues',
      email: true,
    };
  };

  /**
   * The `catalogue.publish` job: re-checks the publisher, reads and validates the stored upload (a bad file fails
   * the run with `catalogue/invalid_file` and its row-level problems, and stores nothing), then, in ONE system
   * transaction, stores the version and every entry in batches, records `catalogue.version_published` in the
   * publisher's organisation and notifies every METI catalogue administrator. The publisher hears about failures.
   */
  const runPublication = async (context: JobContext, input: PublishJobInput): Promise<CataloguePublishResult> => {
    const publisher = await publisherOf(context, input);
    try {
      await context.progress(0, null);
      const { bytes, file } = await store.read(publisher, input.fileId);
      const parsed = await parseCatalogueUpload(input.catalogue, bytes, {
        expectedEffectiveFrom: input.effectiveFrom,
      });
      if (!parsed.ok) throw new AppError('catalogue/invalid_file', invalidFileDetails(parsed.errors, input.locale));
      const entries = entryCountOf(parsed.parsed);
      await context.progress(0, rowCountOf(parsed.parsed));

      // Progress written while the transaction is open runs on another connection; with the embedded database's
      // single connection it waits for the commit, so it is collected here and awaited after the transaction.
      const progressWrites: Promise<void>[] = [];
      const origin: AuditOrigin = {
        tenantId: publisher.tenantId,
        userId: publisher.userId,
        label: publisher.label,
        ip: publisher.ip,
      };
      const versionId = await db
        .system(async (tx) => {
          await repo.lockCatalogueDate(tx, input.catalogue, input.effectiveFrom);
          const existing = await repo.findVersionByDate(tx, input.catalogue, input.effectiveFrom);
          if (existing) {
            throw new AppError('catalogue/version_exists', {
              catalogue: input.catalogue,
              effectiveFrom: input.effectiveFrom,
              versionId: existing.id,
            });
          }
          const id = await writeVersion(
            tx,
            {
              catalogue: input.catalogue,
              label: input.label,
              effectiveFrom: input.effectiveFrom,
              source: input.source,
              sourceUrl: input.sourceUrl,
              attribution: input.attribution,
              notes: input.notes,
              fileSha256: file.sha256,
              fileId: file.id,
              publishedBy: publisher.userId,
              publishedByTenant: publisher.tenantId,
            },
            parsed.parsed,
            (done, total) => {
              progressWrites.push(context.progress(done, total).catch(() => {}));
            },
          );
          await recordAudit(
            tx,
            origin,
            {
              type: 'catalogue.version_published',
              payload: {
                catalogue: input.catalogue,
                versionId: id,
                label: input.label,
                effectiveFrom: input.effectiveFrom,
                entries,
                fileId: file.id,
                fileSha256: file.sha256,
                jobId: context.jobId,
              },
              subjectType: 'catalogue_version',
              subjectId: id,
            },
            clock,
          );
          const notification = publishedNotification(input, entries);
          for (const tenantId of await repo.metiOrganisations(tx)) {
            await notifier.notifyRoleHolders(tx, tenantId, 'catalogue:publish', notification);
          }
          return id;
        })
        .finally(() => Promise.all(progressWrites));
      return { versionId, catalogue: input.catalogue, effectiveFrom: input.effectiveFrom, entryCount: entries };
    } catch (error) {
      await db
        .system((tx) => notifier.notify(tx, publisher.tenantId, publisher.userId, failedNotification(input, error)))
        .catch((notifyError) =>
          log.warn({ err: notifyError }, 'could not notify the publisher of a failed publication'),
        );
      throw error;
    }
  };

  return {
    list,
    designatedTechnologies,
    exportDesignatedTechnologies,
    countries,
    exportCountries,
    endUserList,
    exportEndUserList,
    diff,
    requestPublication,
    runPublication,
  };
};

/** The catalogues service. */
export type CataloguesService = ReturnType<typeof createCataloguesService>;
