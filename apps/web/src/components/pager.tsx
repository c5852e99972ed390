import { Group, Pagination, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../lib/use-format';

/** Paging controls and the "1–50 of 230" line under a list. */
export function Pager({
  page,
  pageSize,
  total,
  onChange,
}: {
  page: number;
  pageSize: number;
  total: number;
  onChange: (page: number) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  const controlLabels = {
    first: t('common.firstPage'),
    previous: t('common.previousPage'),
    next: t('common.nextPage'),
    last: t('common.lastPage'),
  };
  return (
    <Group justify="space-between" mt="md" wrap="wrap">
      <Text size="sm" c="dimmed" aria-live="polite">
        {total === 0
          ? t('common.total', { total: format.number(0) })
          : t('common.range', { from: format.number(from), to: format.number(to), total: format.number(total) })}
      </Text>
      {pages > 1 ? (
        <nav aria-label={t('common.pagination')}>
          <Pagination
            size="sm"
            total={pages}
            value={page}
            onChange={onChange}
            withEdges
            getControlProps={(control) => ({ 'aria-label': controlLabels[control] })}
            getItemProps={(p) => ({ 'aria-label': t('common.page', { page: p }) })}
          />
        </nav>
      ) : null}
    </Group>
  );
}
