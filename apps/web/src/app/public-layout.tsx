import { Box, Center, Container, Group, Text } from '@mantine/core';
import { Outlet } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { BrandLogo } from '../components/brand';
import { LanguageToggle } from './language-toggle';

/** The frame of pages used before signing in: product name, language switch, a centred card, a quiet footer. */
export function PublicLayout() {
  const { t } = useTranslation();
  return (
    <Box mih="100vh" style={{ display: 'flex', flexDirection: 'column' }}>
      <a className="skip-link" href="#main-content">
        {t('common.skipToContent')}
      </a>
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size="lg" py="sm">
          <Group justify="space-between">
            <BrandLogo />
            <LanguageToggle />
          </Group>
        </Container>
      </Box>
      <Box component="main" id="main-content" tabIndex={-1} style={{ flex: 1, outline: 'none' }}>
        <Center py={48} px="md">
          <Box w="100%" maw={520}>
            <Outlet />
          </Box>
        </Center>
      </Box>
      <Box component="footer" py="md">
        <Text ta="center" size="xs" c="dimmed">
          {t('shell.footer')}
        </Text>
      </Box>
    </Box>
  );
}
