import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCalendarStyle } from './display-preferences';
import { formatDate, formatDateTime, formatIsoDate, formatNumber } from './format';
import { localeOf } from './i18n';

/** Date and number formatters bound to the current UI language and the date style chosen on this device. */
export const useFormat = () => {
  const { i18n } = useTranslation();
  const locale = localeOf(i18n);
  const calendar = useCalendarStyle();
  return useMemo(
    () => ({
      locale,
      date: (value: string | Date | null | undefined) => formatDate(value, locale, calendar),
      dateTime: (value: string | Date | null | undefined, seconds = false) =>
        formatDateTime(value, locale, { calendar, seconds }),
      iso: (value: string | Date | null | undefined) => formatIsoDate(value),
      number: (value: number) => formatNumber(value, locale),
    }),
    [locale, calendar],
  );
};
