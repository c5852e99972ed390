import { TextInput, type TextInputProps } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';

/** A search box with the magnifier icon, full width on phones and 320 px from the small breakpoint. */
export function SearchField({
  onSearch,
  ...props
}: Omit<TextInputProps, 'type' | 'leftSection' | 'onChange'> & { onSearch: (text: string) => void }) {
  return (
    <TextInput
      type="search"
      leftSection={<IconSearch size={16} aria-hidden="true" />}
      w={{ base: '100%', sm: 320 }}
      {...props}
      onChange={(e) => onSearch(e.currentTarget.value)}
    />
  );
}
