import { Group, Text } from '@mantine/core';

/** The product name as shown everywhere: the Japanese name first, then the Latin name. */
export const BRAND = '垣根 Kakine';

/** A small hedge mark drawn inline (no external assets). */
export function BrandMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="6" fill="var(--mantine-color-hedge-8)" />
      <path
        d="M7 24V11M12 24V8M17 24V11M22 24V8M26 24V11M5 14h22M5 20h22"
        stroke="#eef6f3"
        strokeWidth="2"
        strokeLinecap="round"
      />
    </svg>
  );
}

/** The product logo: mark, 垣根 and Kakine. */
export function BrandLogo() {
  return (
    <Group gap={10} wrap="nowrap">
      <BrandMark />
      <Text component="span" fw={700} size="lg" lh={1} className="nowrap">
        垣根
        <Text component="span" fw={500} size="sm" c="dimmed" ml={6} visibleFrom="xs">
          Kakine
        </Text>
      </Text>
    </Group>
  );
}
