import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createTemplateDatabase } from './test-database';

/**
 * Migrates one template database per run: a PGlite data-dir dump by default, or a native PostgreSQL database
 * when TEST_DATABASE_URL is set. Each test file then gets its own copy (test-database.ts).
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), 'kakine-test-'));
  const template = await createTemplateDatabase(dir);
  project.provide('kakineTemplate', template.reference);
  writeFileSync(path.join(dir, 'README'), 'Kakine test template; removed at the end of the run.\n');
  return async () => {
    await template.dispose();
    rmSync(dir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    kakineTemplate: string;
  }
}
