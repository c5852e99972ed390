import path from 'node:path';
import { defineConfig } from 'vitest/config';

const reportDir = process.env.KAKINE_REPORT_DIR;

export default defineConfig({
  test: {
    projects: ['packages/contracts', 'apps/server', 'apps/web'],
    reporters: reportDir
      ? ['default', ['json', { outputFile: path.join(reportDir, `vitest-${process.pid}.json`) }]]
      : ['default'],
  },
});
