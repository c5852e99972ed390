import { REGISTER_IMPORT_COLUMNS } from '@kakine/contracts';
import { useTranslation } from 'react-i18next';
import { ImportDialog } from '../../../components/import-dialog';
import { localeOf } from '../../../lib/i18n';
import { importTemplateUrl, REGISTER_IMPORT_PATH, useRefreshRegister } from '../api';

/**
 * The register import (取り込み): the shared spreadsheet import dialog pointed at `/register/import`, with the
 * register's template and a note on its columns; the list refreshes once rows are committed.
 */
export function ImportRegisterDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const refresh = useRefreshRegister();
  const required = REGISTER_IMPORT_COLUMNS.filter((c) => c.required)
    .map((c) => c[locale])
    .join(locale === 'en' ? ', ' : '、');
  return (
    <ImportDialog
      opened={opened}
      onClose={onClose}
      title={t('register.import.title')}
      description={t('register.import.description', { required })}
      templateUrl={importTemplateUrl}
      importUrl={REGISTER_IMPORT_PATH}
      onImported={() => void refresh()}
    />
  );
}
