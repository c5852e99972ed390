import type { EmploymentType, PersonStatus } from '@kakine/contracts';
import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { localeOf } from '../../../lib/i18n';
import { useFormat } from '../../../lib/use-format';
import { employmentTypeLabel, isExternal, personStatusLabel } from '../labels';

/** Long badges (with a date) wrap instead of being cut off in narrow table cells. */
const WRAP = { label: { whiteSpace: 'normal' as const, overflow: 'visible' as const } };

/** The facts about a person that the badges show. */
export type PersonBadgeSubject = {
  employmentType: EmploymentType;
  status: PersonStatus;
  lastWorkingDay: string | null;
};

/**
 * Badges that make a person's situation visible at a glance wherever they appear: 派遣/出向/業務委託 for people from
 * outside, 退職予定 with the last working day, and 退職済み. Employees and officers in post get no badge.
 */
export function PersonBadges({ person, size = 'sm' }: { person: PersonBadgeSubject; size?: 'xs' | 'sm' | 'md' }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const locale = localeOf(i18n);
  const external = isExternal(person.employmentType);
  if (!external && person.status === 'active') return null;
  return (
    <Group gap={4} wrap="wrap">
      {external ? (
        <Badge size={size} color="grape" variant="light">
          {employmentTypeLabel(person.employmentType, locale)}
        </Badge>
      ) : null}
      {person.status === 'leaving' ? (
        <Badge size={size} color="orange" variant="light" tt="none" h="auto" styles={WRAP}>
          {person.lastWorkingDay
            ? t('people.leavingOn', { date: format.date(person.lastWorkingDay) })
            : personStatusLabel('leaving', locale)}
        </Badge>
      ) : null}
      {person.status === 'left' ? (
        <Badge size={size} color="dark" variant="light" tt="none" h="auto" styles={WRAP}>
          {person.lastWorkingDay
            ? t('people.leftOn', { date: format.date(person.lastWorkingDay) })
            : personStatusLabel('left', locale)}
        </Badge>
      ) : null}
    </Group>
  );
}
