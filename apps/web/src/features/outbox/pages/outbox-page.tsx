import { Accordion, Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { IconMail } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateText } from '../../../components/date-text';
import { EmptyText } from '../../../components/empty-state';
import { PageHeader } from '../../../components/page-header';
import { Pager } from '../../../components/pager';
import { QueryState } from '../../../components/query-state';
import { translateKey } from '../../../lib/i18n';
import { useOutbox } from '../api';

const PAGE_SIZE = 20;
const URL_PATTERN = /(https?:\/\/[^\s<>"')\]]+)/g;

/** Splits plain-text e-mail into text and clickable links, so that invitation and reset links can be followed. */
export const linkify = (text: string): ReactNode[] =>
  text.split(URL_PATTERN).map((part, index) =>
    index % 2 === 1 ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one text never reorder
      <Anchor key={index} href={part} style={{ wordBreak: 'break-all' }}>
        {part}
      </Anchor>
    ) : (
      part
    ),
  );

/** Demo only: the e-mails the server "sent" (to, subject, body, time), so that a newcomer can follow the links. */
export function OutboxPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const query = useOutbox(page, PAGE_SIZE);
  return (
    <>
      <PageHeader title={t('outbox.title')} description={t('outbox.description')} />
      <QueryState query={query}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyText>{t('outbox.empty')}</EmptyText>
          ) : (
            <Stack gap="sm">
              <Accordion variant="separated" multiple chevronPosition="left">
                {data.items.map((mail) => (
                  <Accordion.Item key={mail.id} value={mail.id}>
                    <Accordion.Control icon={<IconMail size={18} aria-hidden="true" />}>
                      <Group justify="space-between" wrap="nowrap" gap="md">
                        <Stack gap={0} style={{ minWidth: 0 }}>
                          <Text size="sm" fw={600} truncate>
                            {mail.subject}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {t('outbox.to')}：{mail.to}
                          </Text>
                        </Stack>
                        <Stack gap={2} align="flex-end" style={{ flexShrink: 0 }}>
                          <Text size="xs" c="dimmed">
                            <DateText value={mail.createdAt} withTime />
                          </Text>
                          <Badge color={mail.status === 'failed' ? 'red' : 'gray'} size="sm">
                            {translateKey(t, `outbox.statuses.${mail.status}`, mail.status)}
                          </Badge>
                        </Stack>
                      </Group>
                    </Accordion.Control>
                    <Accordion.Panel>
                      <pre className="mail-body">{linkify(mail.text)}</pre>
                    </Accordion.Panel>
                  </Accordion.Item>
                ))}
              </Accordion>
              <Pager page={data.page} pageSize={data.pageSize} total={data.total} onChange={setPage} />
            </Stack>
          )
        }
      </QueryState>
    </>
  );
}
