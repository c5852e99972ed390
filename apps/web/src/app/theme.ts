import { type CSSVariablesResolver, createTheme, DEFAULT_THEME, type MantineColorsTuple } from '@mantine/core';

/** A muted green for 垣根 (hedge): calm, and dark enough at shade 8 for white text (WCAG AA). */
const hedge: MantineColorsTuple = [
  '#eef6f3',
  '#dcebe5',
  '#b6d5c9',
  '#8dbfac',
  '#6aab93',
  '#549e83',
  '#47977b',
  '#368368',
  '#2b735b',
  '#1d5f4b',
];

/**
 * Mantine's light badges and alerts write shade 9 on shade 1; yellow and orange are too pale for WCAG AA there, so
 * their darkest shade is deepened.
 */
const deepen = (name: 'yellow' | 'orange', shade9: string): MantineColorsTuple => {
  const [c0, c1, c2, c3, c4, c5, c6, c7, c8] = DEFAULT_THEME.colors[name];
  return [c0, c1, c2, c3, c4, c5, c6, c7, c8, shade9];
};

/** Japanese UI font first (installed locally, never downloaded), then each platform's system fonts. */
const FONT_STACK = [
  '"Noto Sans JP"',
  '"Noto Sans CJK JP"',
  'system-ui',
  '-apple-system',
  '"Hiragino Sans"',
  '"Hiragino Kaku Gothic ProN"',
  '"Yu Gothic UI"',
  '"Yu Gothic"',
  'Meiryo',
  '"Segoe UI"',
  'Roboto',
  'sans-serif',
].join(', ');

/** The Mantine theme of Kakine: quiet colours, Japanese typography, filled colours dark enough for contrast. */
export const theme = createTheme({
  colors: { hedge, yellow: deepen('yellow', '#8a5a00'), orange: deepen('orange', '#a33d07') },
  primaryColor: 'hedge',
  primaryShade: { light: 8, dark: 6 },
  fontFamily: FONT_STACK,
  fontFamilyMonospace: 'ui-monospace, "SFMono-Regular", Menlo, Consolas, "Noto Sans Mono CJK JP", monospace',
  headings: { fontFamily: FONT_STACK, fontWeight: '600' },
  defaultRadius: 'sm',
  cursorType: 'pointer',
  focusRing: 'auto',
  components: {
    Table: { defaultProps: { verticalSpacing: 'sm', highlightOnHover: true } },
    Paper: { defaultProps: { withBorder: true, radius: 'md' } },
    Badge: { defaultProps: { radius: 'sm', variant: 'light' } },
    // Links are told apart from text by more than colour (WCAG 1.4.1).
    Anchor: { defaultProps: { underline: 'always' } },
  },
});

/** Darker secondary text than Mantine's default so that "dimmed" text still meets WCAG AA contrast. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-6)',
    '--mantine-color-error': 'var(--mantine-color-red-8)',
    '--mantine-color-body': '#ffffff',
  },
  dark: {},
});
