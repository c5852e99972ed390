import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { localeOf } from '../lib/i18n';
import { useChangeLanguage } from './use-change-language';

/** The 日本語 / English switch; each option is written in its own language and marked with its `lang`. */
export function LanguageToggle({ size = 'xs' }: { size?: 'xs' | 'sm' | 'md' }) {
  const { t, i18n } = useTranslation();
  const changeLanguage = useChangeLanguage();
  return (
    <SegmentedControl
      size={size}
      aria-label={t('language.label')}
      value={localeOf(i18n)}
      onChange={(value) => void changeLanguage(value === 'en' ? 'en' : 'ja')}
      data={[
        { value: 'ja', label: <span lang="ja">日本語</span> },
        { value: 'en', label: <span lang="en">English</span> },
      ]}
    />
  );
}
