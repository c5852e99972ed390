import { Center, Text } from '@mantine/core';

/** The quiet line shown where a list has nothing to show. */
export function EmptyText({ children }: { children: string }) {
  return (
    <Center py="xl">
      <Text c="dimmed" size="sm">
        {children}
      </Text>
    </Center>
  );
}
