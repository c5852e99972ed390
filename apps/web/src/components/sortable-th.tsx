import { Group, Table, UnstyledButton } from '@mantine/core';
import { IconArrowsSort, IconSortAscending, IconSortDescending } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/** The sort state of a list: which column, which direction. */
export type SortState<F extends string> = { field: F; order: 'asc' | 'desc' };

/** The next sort state after clicking a column: the same column flips, a new column starts ascending. */
export const nextSort = <F extends string>(current: SortState<F>, field: F): SortState<F> =>
  current.field === field ? { field, order: current.order === 'asc' ? 'desc' : 'asc' } : { field, order: 'asc' };

/** A column header that sorts the list when activated and tells assistive technology how it is sorted. */
export function SortableTh<F extends string>({
  field,
  sort,
  onSort,
  children,
}: {
  field: F;
  sort: SortState<F>;
  onSort: (sort: SortState<F>) => void;
  children: ReactNode;
}) {
  const active = sort.field === field;
  const Icon = !active ? IconArrowsSort : sort.order === 'asc' ? IconSortAscending : IconSortDescending;
  return (
    <Table.Th
      scope="col"
      className="nowrap"
      aria-sort={active ? (sort.order === 'asc' ? 'ascending' : 'descending') : 'none'}
    >
      <UnstyledButton onClick={() => onSort(nextSort(sort, field))} fw={700} fz="sm">
        <Group gap={4} wrap="nowrap">
          {children}
          <Icon size={14} aria-hidden="true" color={active ? undefined : 'var(--mantine-color-gray-6)'} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}
