import { notifications } from '@mantine/notifications';
import { i18n } from '../../lib/i18n';

/**
 * Shows a short success message; its close button is named in the UI language (Mantine's has no accessible name of
 * its own, which screen readers would announce as an unlabelled button).
 */
export const notifyDone = (message: string): void => {
  notifications.show({
    color: 'hedge',
    message,
    closeButtonProps: { 'aria-label': i18n.t('common.close') },
  });
};
