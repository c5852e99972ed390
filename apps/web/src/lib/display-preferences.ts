import { useSyncExternalStore } from 'react';
import type { CalendarStyle } from './format';

/** The localStorage key of the date style chosen on this device. */
export const CALENDAR_STORAGE_KEY = 'kakine.calendar';

const listeners = new Set<() => void>();

const read = (): CalendarStyle => {
  try {
    return globalThis.localStorage?.getItem(CALENDAR_STORAGE_KEY) === 'japanese' ? 'japanese' : 'gregorian';
  } catch {
    return 'gregorian';
  }
};

let current: CalendarStyle = read();

/** Sets the date style (Western or Japanese era years) for this device and re-renders every date on screen. */
export const setCalendarStyle = (style: CalendarStyle): void => {
  current = style;
  try {
    globalThis.localStorage?.setItem(CALENDAR_STORAGE_KEY, style);
  } catch {
    // Without storage the choice lasts for this page only.
  }
  for (const listener of listeners) listener();
};

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The date style chosen on this device, kept up to date. */
export const useCalendarStyle = (): CalendarStyle =>
  useSyncExternalStore(
    subscribe,
    () => current,
    () => 'gregorian',
  );
