import { Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/query-state';
import { type KnowHowMap, useKnowHowMap } from '../api-know-how';
import { matrixFromView } from '../know-how-matrix';
import { KnowHowAnalysisView } from './know-how-analysis';
import { DepthLegend } from './know-how-depth';
import { KnowHowEditor } from './know-how-editor';
import { KnowHowGrid } from './know-how-grid';

/**
 * The ノウハウ tab of a technology: the analysis (risk level, bus factor, warnings naming the people concerned), the
 * people × steps matrix with its legend, and, for those who may edit it (`canEdit` and the server's ability), the
 * editor that saves the whole map.
 */
export function KnowHowPanel({ technologyId, canEdit }: { technologyId: string; canEdit: boolean }) {
  const map = useKnowHowMap(technologyId);
  return (
    <QueryState query={map}>
      {(data) => (
        <KnowHowContent
          technologyId={technologyId}
          map={data}
          canEdit={canEdit && data.abilities.edit}
          reload={() => map.refetch()}
        />
      )}
    </QueryState>
  );
}

function KnowHowContent({
  technologyId,
  map,
  canEdit,
  reload,
}: {
  technologyId: string;
  map: KnowHowMap;
  canEdit: boolean;
  reload: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  // A fresh editor only after loading someone else's version (a conflict); a successful save keeps it mounted so
  // that its save callbacks run.
  const [editorKey, setEditorKey] = useState(0);
  const state = useMemo(() => matrixFromView(map), [map]);
  const empty = map.steps.length === 0;

  return (
    <Stack gap="md" component="section" aria-labelledby="know-how-heading">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4} maw={760}>
          <Group gap="sm">
            <Title order={2} fz="h4" id="know-how-heading">
              {t('knowHow.panel.heading')}
            </Title>
            {editing ? (
              <Badge color="blue" variant="light">
                {t('knowHow.panel.editing')}
              </Badge>
            ) : null}
          </Group>
          <Text size="sm" c="dimmed">
            {t('knowHow.panel.description')}
          </Text>
        </Stack>
        {canEdit && !editing ? (
          <Button leftSection={<IconPencil size={16} aria-hidden="true" />} onClick={() => setEditing(true)}>
            {t('knowHow.panel.edit')}
          </Button>
        ) : null}
      </Group>
      <KnowHowAnalysisView map={map} />
      <DepthLegend />
      {editing ? (
        <KnowHowEditor
          key={editorKey}
          technologyId={technologyId}
          map={map}
          onDone={() => setEditing(false)}
          onReload={async () => {
            await reload();
            setEditorKey((k) => k + 1);
          }}
        />
      ) : empty || map.people.length === 0 ? (
        <Text size="sm" c="dimmed">
          {canEdit ? t('knowHow.panel.noMapEditable') : t('knowHow.panel.noMap')}
        </Text>
      ) : (
        <KnowHowGrid state={state} />
      )}
    </Stack>
  );
}
