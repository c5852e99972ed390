import { TRADE_SECRET_REQUIREMENT_TEXT, TRADE_SECRET_REQUIREMENTS } from '@kakine/contracts';
import { Alert, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconFileImport, IconPlus, IconScale, IconSettings } from '@tabler/icons-react';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateText } from '../../../components/date-text';
import { EmptyText } from '../../../components/empty-state';
import { ExportButtons } from '../../../components/export-buttons';
import { PageHeader } from '../../../components/page-header';
import { Pager } from '../../../components/pager';
import { QueryState } from '../../../components/query-state';
import { SearchField } from '../../../components/search-field';
import { SortableTh, type SortState } from '../../../components/sortable-th';
import { localeOf } from '../../../lib/i18n';
import { useFormat } from '../../../lib/use-format';
import { type TechnologyRow, technologiesExportUrl, useRegisterSettings, useTechnologies } from '../api';
import { ImportRegisterDialog } from '../components/import-register-dialog';
import { RegisterFilters } from '../components/register-filters';
import { AnchorLink, ButtonLink } from '../components/router-links';
import { RiskBadge, TechnologyBadges } from '../components/technology-badges';
import { type RegisterSearch, type RegisterSortField, TRADE_SECRET_GAP_SEARCH, withFilters } from '../list-search';
import { classificationColor, classificationName } from '../vocabulary';

const route = getRouteApi('/app/register');
const PAGE_SIZE = 50;

/**
 * The technology register (技術台帳): Japanese substring search, filters kept in the URL, sortable columns, paging,
 * CSV/XLSX export of the same view, and the register-wide actions the server allows (register, import, settings).
 */
export function RegisterListPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate();
  const [importOpened, setImportOpened] = useState(false);
  const technologies = useTechnologies(search, PAGE_SIZE);
  const abilities = technologies.data?.abilities;

  const go = (next: RegisterSearch) => void navigate({ to: '/register', search: next, replace: true });
  const update = (patch: Partial<RegisterSearch>) => go(withFilters(search, patch));
  const sort: SortState<RegisterSortField> = { field: search.sort ?? 'code', order: search.order ?? 'asc' };
  const gapView = search.tradeSecretGap === true;

  return (
    <>
      <PageHeader
        title={gapView ? t('register.gap.title') : t('register.list.title')}
        description={gapView ? t('register.gap.description') : t('register.list.description')}
        actions={
          <>
            {abilities?.manageSettings ? (
              <ButtonLink
                to="/register/settings"
                variant="default"
                leftSection={<IconSettings size={18} aria-hidden="true" />}
              >
                {t('register.list.settings')}
              </ButtonLink>
            ) : null}
            {abilities?.import ? (
              <Button
                variant="default"
                leftSection={<IconFileImport size={18} aria-hidden="true" />}
                onClick={() => setImportOpened(true)}
              >
                {t('register.list.import')}
              </Button>
            ) : null}
            {abilities?.create ? (
              <ButtonLink to="/register/new" leftSection={<IconPlus size={18} aria-hidden="true" />}>
                {t('register.list.create')}
              </ButtonLink>
            ) : null}
          </>
        }
      />
      <Stack gap="md">
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <SearchBox value={search.q ?? ''} onSearch={(q) => update({ q: q || undefined })} />
          <Group gap="sm" wrap="wrap">
            {gapView ? (
              <ButtonLink to="/register" search={{}} variant="subtle">
                {t('register.gap.back')}
              </ButtonLink>
            ) : (
              <ButtonLink
                to="/register"
                search={TRADE_SECRET_GAP_SEARCH}
                variant="light"
                color="red"
                leftSection={<IconScale size={18} aria-hidden="true" />}
              >
                {t('register.gap.open')}
              </ButtonLink>
            )}
            <ExportButtons urlFor={(format) => technologiesExportUrl(search, format)} />
          </Group>
        </Group>
        {gapView ? <TradeSecretGapExplanation /> : null}
        <RegisterFilters search={search} onChange={update} onClear={() => go(search.q ? { q: search.q } : {})} />
        <QueryState query={technologies}>
          {(data) =>
            data.items.length === 0 ? (
              <EmptyText>{search.q ? t('register.list.noMatch', { q: search.q }) : t('register.list.empty')}</EmptyText>
            ) : (
              <>
                <Table.ScrollContainer minWidth={1220}>
                  <Table>
                    <caption className="visually-hidden">{t('register.list.caption', { total: data.total })}</caption>
                    <Table.Thead>
                      <Table.Tr>
                        <SortableTh field="code" sort={sort} onSort={(s) => update({ sort: s.field, order: s.order })}>
                          {t('register.columns.code')}
                        </SortableTh>
                        <SortableTh
                          field="nameJa"
                          sort={sort}
                          onSort={(s) => update({ sort: s.field, order: s.order })}
                        >
                          {t('register.columns.name')}
                        </SortableTh>
                        <SortableTh
                          field="classification"
                          sort={sort}
                          onSort={(s) => update({ sort: s.field, order: s.order })}
                        >
                          {t('register.columns.classification')}
                        </SortableTh>
                        <Table.Th scope="col" miw={150}>
                          {t('register.columns.owner')}
                        </Table.Th>
                        <Table.Th scope="col" miw={190}>
                          {t('register.columns.flags')}
                        </Table.Th>
                        <SortableTh
                          field="nextReviewOn"
                          sort={sort}
                          onSort={(s) => update({ sort: s.field, order: s.order })}
                        >
                          {t('register.columns.nextReview')}
                        </SortableTh>
                        <SortableTh
                          field="busFactor"
                          sort={sort}
                          onSort={(s) => update({ sort: s.field, order: s.order })}
                        >
                          {t('register.columns.busFactor')}
                        </SortableTh>
                        <SortableTh
                          field="updatedAt"
                          sort={sort}
                          onSort={(s) => update({ sort: s.field, order: s.order })}
                        >
                          {t('register.columns.updatedAt')}
                        </SortableTh>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {data.items.map((row) => (
                        <TechnologyTableRow key={row.id} row={row} />
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
                <Pager
                  page={data.page}
                  pageSize={data.pageSize}
                  total={data.total}
                  onChange={(page) => go({ ...search, page: page > 1 ? page : undefined })}
                />
              </>
            )
          }
        </QueryState>
      </Stack>
      {abilities?.import ? <ImportRegisterDialog opened={importOpened} onClose={() => setImportOpened(false)} /> : null}
    </>
  );
}

/** The search box: typing updates the URL after a short pause, so that the list follows without a button. */
function SearchBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  const debounced = useDebouncedCallback((q: string) => onSearch(q.trim()), 300);
  // A search changed elsewhere (back button, a shared link, "clear") shows in the box.
  useEffect(() => setText((current) => (current.trim() === value ? current : value)), [value]);
  return (
    <SearchField
      label={t('register.list.searchLabel')}
      placeholder={t('register.list.searchPlaceholder')}
      description={t('register.list.searchHint')}
      value={text}
      onSearch={(q) => {
        setText(q);
        debounced(q);
      }}
    />
  );
}

/** What the trade-secret gap view lists, with the three requirements in plain words. */
function TradeSecretGapExplanation() {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n);
  return (
    <Alert color="red" variant="light" icon={<IconScale aria-hidden="true" />} title={t('register.gap.whyTitle')}>
      <Stack gap={6}>
        <Text size="sm">{t('register.gap.why')}</Text>
        <ul style={{ margin: 0, paddingInlineStart: '1.2em' }}>
          {TRADE_SECRET_REQUIREMENTS.map((requirement) => (
            <li key={requirement}>
              <Text size="sm" span fw={600}>
                {TRADE_SECRET_REQUIREMENT_TEXT[requirement].name[locale]}
              </Text>
              <Text size="sm" span>
                ：{TRADE_SECRET_REQUIREMENT_TEXT[requirement].explanation[locale]}
              </Text>
            </li>
          ))}
        </ul>
      </Stack>
    </Alert>
  );
}

/** One row of the register; a name-only row is greyed and says the reader has no access. */
function TechnologyTableRow({ row }: { row: TechnologyRow }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const format = useFormat();
  const settings = useRegisterSettings();
  const levels = settings.data?.classificationLevels;

  if (row.access === 'name_only') {
    return (
      <Table.Tr style={{ background: 'var(--mantine-color-gray-1)' }}>
        <Table.Td ff="monospace" c="dimmed">
          {row.code}
        </Table.Td>
        <Table.Td>
          <Text size="sm" c="dimmed">
            {row.nameJa}
          </Text>
          {row.nameEn ? (
            <Text size="xs" c="dimmed" lang="en">
              {row.nameEn}
            </Text>
          ) : null}
        </Table.Td>
        <Table.Td colSpan={6}>
          <Badge color="gray" variant="outline">
            {t('register.list.noAccess')}
          </Badge>
        </Table.Td>
      </Table.Tr>
    );
  }
  const classification = classificationName(levels, row.classificationCode, locale);
  return (
    <Table.Tr style={row.status === 'archived' ? { background: 'var(--mantine-color-gray-0)' } : undefined}>
      <Table.Td ff="monospace" className="nowrap">
        {row.code}
      </Table.Td>
      <Table.Td miw={240}>
        <AnchorLink to="/register/$id" params={{ id: row.id }} fw={600} size="sm">
          {row.nameJa}
        </AnchorLink>
        {row.nameEn ? (
          <Text size="xs" c="dimmed" lang="en">
            {row.nameEn}
          </Text>
        ) : null}
        {row.products.length > 0 ? (
          <Text size="xs" c="dimmed">
            {t('register.list.products', { products: row.products.join('、') })}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        {classification ? (
          <Badge color={classificationColor(levels, row.classificationCode)} variant="light">
            {classification}
          </Badge>
        ) : (
          '—'
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{row.ownerName ?? t('register.list.noOwner')}</Text>
        {row.department ? (
          <Text size="xs" c="dimmed">
            {row.department}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        <TechnologyBadges
          facts={{
            isCore: row.isCore,
            designatedCount: row.designatedCodes.length,
            overseas: row.overseas,
            riskLevel: row.concentration?.level ?? null,
            tradeSecretQualifies: row.tradeSecretQualifies,
            status: row.status,
          }}
        />
      </Table.Td>
      <Table.Td className="nowrap">
        {row.nextReviewOn ? (
          <Text size="sm" c={row.reviewOverdue ? 'red.9' : undefined} fw={row.reviewOverdue ? 700 : undefined}>
            <DateText value={row.nextReviewOn} />
            {row.reviewOverdue ? (
              <Text span size="xs" display="block">
                {t('register.list.overdue')}
              </Text>
            ) : null}
          </Text>
        ) : (
          '—'
        )}
      </Table.Td>
      <Table.Td className="nowrap">
        {row.concentration && row.concentration.busFactor !== null ? (
          <Group gap={6} wrap="nowrap">
            <Text size="sm">{format.number(row.concentration.busFactor)}</Text>
            <RiskBadge level={row.concentration.level} withLabel={false} />
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            {t('register.list.noMap')}
          </Text>
        )}
      </Table.Td>
      <Table.Td className="nowrap">
        <Text size="sm">
          <DateText value={row.updatedAt} />
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
