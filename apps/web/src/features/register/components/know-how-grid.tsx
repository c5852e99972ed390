import { ActionIcon, Group, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { type KeyboardEvent, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { PersonBadges } from '../../people/components/person-badges';
import { type CellDepth, depthFromKey, depthOf, type MatrixState, moveFocus } from '../know-how-matrix';
import { DEPTH_STYLE, useDepthLabel } from './know-how-depth';

/** Row colours that make leaving and departed holders stand out. */
const ROW_BACKGROUND = {
  active: undefined,
  leaving: 'var(--mantine-color-orange-0)',
  left: 'var(--mantine-color-gray-1)',
} as const;

/**
 * The people × steps matrix. Read-only, each cell shows its depth symbol (and, for screen readers, its label).
 * Editable, each cell is a button named 「鈴木 一郎 × 生産E：実施できる」: a click, Enter or Space cycles the depth,
 * the keys 0–3 set it, Delete clears it, and the arrow keys move between cells.
 */
export function KnowHowGrid({
  state,
  editable = false,
  onSetDepth,
  onCycle,
  onRemovePerson,
}: {
  state: MatrixState;
  editable?: boolean;
  onSetDepth?: (stepKey: string, personId: string, depth: CellDepth) => void;
  onCycle?: (stepKey: string, personId: string) => void;
  onRemovePerson?: (personId: string) => void;
}) {
  const { t } = useTranslation();
  const depthLabel = useDepthLabel();
  const grid = useRef<HTMLTableElement>(null);
  const size = { rows: state.people.length, columns: state.steps.length };

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, row: number, column: number) => {
    const step = state.steps[column];
    const person = state.people[row];
    if (!step || !person) return;
    const depth = depthFromKey(event.key);
    if (depth !== null) {
      event.preventDefault();
      onSetDepth?.(step.key, person.id, depth);
      return;
    }
    const target = moveFocus({ row, column }, event.key, size);
    if (target) {
      event.preventDefault();
      grid.current?.querySelector<HTMLButtonElement>(`[data-cell="${target.row}-${target.column}"]`)?.focus();
    }
  };

  return (
    <Table.ScrollContainer minWidth={Math.max(480, 220 + state.steps.length * 88)}>
      <Table ref={grid} withTableBorder withColumnBorders highlightOnHover={false} verticalSpacing={6}>
        <Table.Caption>{t('knowHow.panel.matrixCaption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" miw={200}>
              {t('knowHow.panel.person')}
            </Table.Th>
            {state.steps.map((step, index) => (
              <Table.Th key={step.key} scope="col" ta="center" miw={80}>
                <Text size="xs" c="dimmed" fw={400}>
                  {t('knowHow.panel.stepNumber', { position: index + 1 })}
                </Text>
                <Text size="sm" fw={700}>
                  {step.name.trim() || '—'}
                </Text>
              </Table.Th>
            ))}
            {editable && onRemovePerson ? (
              <Table.Th scope="col">
                <span className="visually-hidden">{t('common.actions')}</span>
              </Table.Th>
            ) : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {state.people.map((person, row) => (
            <Table.Tr key={person.id} style={{ background: ROW_BACKGROUND[person.status] }}>
              <Table.Th scope="row" fw={400}>
                <Stack gap={2}>
                  <Text size="sm" fw={600}>
                    {person.name}
                  </Text>
                  {person.department ? (
                    <Text size="xs" c="dimmed">
                      {person.department}
                    </Text>
                  ) : null}
                  <PersonBadges person={person} size="xs" />
                </Stack>
              </Table.Th>
              {state.steps.map((step, column) => {
                const depth = depthOf(state, step.key, person.id);
                const style = DEPTH_STYLE[depth];
                const stepName = step.name.trim() || t('knowHow.panel.stepNumber', { position: column + 1 });
                const symbol = depth === 0 ? t('knowHow.depth.symbolNone') : style.symbol;
                return (
                  <Table.Td key={step.key} p={0} ta="center" style={{ background: style.background }}>
                    {editable ? (
                      <UnstyledButton
                        data-cell={`${row}-${column}`}
                        aria-label={t('knowHow.panel.cellLabelWithDepth', {
                          person: person.name,
                          step: stepName,
                          depth: depthLabel(depth),
                        })}
                        onClick={() => onCycle?.(step.key, person.id)}
                        onKeyDown={(event) => onKeyDown(event, row, column)}
                        w="100%"
                        h={44}
                        style={{ color: style.color, fontWeight: 700, fontSize: 18, textAlign: 'center' }}
                      >
                        <span aria-hidden="true">{symbol}</span>
                      </UnstyledButton>
                    ) : (
                      <Text component="span" fw={700} fz={18} c={style.color} display="block" py={8}>
                        <span aria-hidden="true">{symbol}</span>
                        <span className="visually-hidden">{depthLabel(depth)}</span>
                      </Text>
                    )}
                  </Table.Td>
                );
              })}
              {editable && onRemovePerson ? (
                <Table.Td ta="center">
                  <Group justify="center">
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('knowHow.panel.removePerson', { person: person.name })}
                      onClick={() => onRemovePerson(person.id)}
                    >
                      <IconX size={16} aria-hidden="true" />
                    </ActionIcon>
                  </Group>
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
