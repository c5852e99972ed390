import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { name: '@kakine/contracts', include: ['src/**/*.test.ts'] } });
