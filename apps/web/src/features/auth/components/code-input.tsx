import { TextInput } from '@mantine/core';
import type { Ref } from 'react';

/** A one-time-code field: numeric keyboard, autofill from authenticator apps, no spell checking. */
export function CodeInput({
  label,
  value,
  onChange,
  error,
  recovery = false,
  inputRef,
  autoFocus,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  recovery?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  autoFocus?: boolean;
}) {
  return (
    <TextInput
      ref={inputRef}
      label={label}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={error}
      required
      autoFocus={autoFocus}
      autoComplete={recovery ? 'off' : 'one-time-code'}
      inputMode={recovery ? 'text' : 'numeric'}
      spellCheck={false}
      maxLength={recovery ? 64 : 7}
      styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: '0.2em', fontSize: 18 } }}
    />
  );
}
