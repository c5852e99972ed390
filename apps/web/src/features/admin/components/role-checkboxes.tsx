import { type OrganisationKind, ROLES_BY_KIND } from '@kakine/contracts';
import { Checkbox, SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { organisationKindLabel, roleLabel } from '../../../lib/i18n/labels';

/** Checkboxes for the roles that exist in an organisation of the given kind (from ROLES_BY_KIND). */
export function RoleCheckboxes({
  kind,
  value,
  onChange,
  error,
}: {
  kind: OrganisationKind;
  value: string[];
  onChange: (roles: string[]) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <Checkbox.Group
      label={t('admin.roles')}
      description={t('admin.rolesDescription', { kind: organisationKindLabel(t, kind) })}
      value={value}
      onChange={onChange}
      error={error}
      withAsterisk
    >
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" mt="xs">
        {ROLES_BY_KIND[kind].map((role) => (
          <Checkbox key={role} value={role} label={roleLabel(t, role)} />
        ))}
      </SimpleGrid>
    </Checkbox.Group>
  );
}
