import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/** Vitest project of the web app: unit and component tests in jsdom. */
export default defineConfig({
  plugins: [react()],
  test: {
    name: '@kakine/web',
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    restoreMocks: true,
  },
});
