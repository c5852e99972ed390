import { Group, Select, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localeOf } from '../../../lib/i18n';
import { type Person, usePersonSearch } from '../api';
import { employmentTypeLabel, isExternal, personStatusLabel } from '../labels';

/**
 * A searchable picker over the people directory (GET /people?q=…): type part of a name, kana or employee id (Japanese
 * substrings work) and choose. `exclude` hides people already chosen elsewhere; `value` is the chosen person's id.
 */
export function PersonPicker({
  label,
  placeholder,
  value,
  onChange,
  exclude = [],
  error,
  required,
  clearOnPick = false,
}: {
  label: string;
  placeholder?: string;
  value: string | null;
  onChange: (person: Person | null) => void;
  exclude?: readonly string[];
  error?: string;
  required?: boolean;
  /** Empty the box after each pick (for "add someone" pickers). */
  clearOnPick?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const results = usePersonSearch(q);
  const [picked, setPicked] = useState<Person | null>(null);
  const people = (results.data?.items ?? []).filter((p) => !exclude.includes(p.id));
  // Keep the chosen person selectable even when the current search no longer returns them.
  if (picked && value === picked.id && !people.some((p) => p.id === picked.id)) people.unshift(picked);
  const byId = new Map(people.map((p) => [p.id, p]));
  const optionLabel = (p: Person) => `${p.name}（${p.employeeId}${p.department ? `・${p.department}` : ''}）`;

  return (
    <Select
      label={label}
      placeholder={placeholder}
      required={required}
      error={error}
      searchable
      clearable={!clearOnPick}
      value={clearOnPick ? null : value}
      searchValue={search}
      onSearchChange={setSearch}
      // The server already matched the search (including kana and Japanese substrings); show its answer as is.
      filter={({ options }) => options}
      data={people.map((p) => ({ value: p.id, label: optionLabel(p) }))}
      nothingFoundMessage={results.isFetching ? t('common.loading') : t('common.noResults')}
      onChange={(id) => {
        const person = id ? (byId.get(id) ?? null) : null;
        setPicked(person);
        onChange(person);
        if (clearOnPick) setSearch('');
      }}
      renderOption={({ option }) => {
        const person = byId.get(option.value);
        if (!person) return option.label;
        const notes = [
          isExternal(person.employmentType) ? employmentTypeLabel(person.employmentType, locale) : null,
          person.status !== 'active' ? personStatusLabel(person.status, locale) : null,
        ].filter(Boolean);
        return (
          <Group gap={6} wrap="nowrap">
            <Text size="sm">{option.label}</Text>
            {notes.length > 0 ? (
              <Text size="xs" c="dimmed">
                {notes.join('・')}
              </Text>
            ) : null}
          </Group>
        );
      }}
    />
  );
}
