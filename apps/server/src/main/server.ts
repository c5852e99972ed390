import { buildApp } from '../http/app';
import { BundledCatalogueError, loadBundledCatalogues } from '../modules/catalogues';
import { DEMO_ORGANISATIONS, DEMO_PASSWORD } from '../modules/demo';
import { ConfigError, loadConfig } from '../platform/config/config';
import { openDatabase, runMigrations } from '../platform/db/database';
import { DataDirLockedError } from '../platform/db/embedded';
import { createLogger } from '../platform/logger/logger';
import { composeServices } from './compose';

const started = performance.now();

const main = async () => {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const db = await openDatabase(
    config.databaseUrl ? { kind: 'native', url: config.databaseUrl } : { kind: 'embedded', dataDir: config.dataDir },
  );
  await runMigrations(db);
  await loadBundledCatalogues({ db, log });
  const services = composeServices({ config, db, log });
  // Building the HTTP app is CPU work in this process while the steps below wait on the database: overlap them.
  const appBuilt = buildApp(services);
  appBuilt.catch(() => {}); // awaited below, where a failure is reported
  if (config.demo && (await services.demo.seed())) {
    log.info('demo organisations and users created');
  }
  await services.jobs.start({ work: config.worker === 'embedded' });
  if (config.worker === 'off' && db.kind === 'embedded') {
    log.warn('KAKINE_WORKER=off with the embedded database: no process can work jobs (a worker needs DATABASE_URL)');
  }
  const app = await appBuilt;
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    try {
      await app.close();
    } finally {
      await services.jobs.stop().catch((error) => log.error({ err: error }, 'job queue did not stop cleanly'));
      await db.close();
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  const ms = Math.round(performance.now() - started);
  log.info({ url: config.baseUrl, database: db.kind, ms }, 'Kakine is ready');
  if (config.demo) {
    const lines = DEMO_ORGANISATIONS.flatMap((o) => [
      `  ${o.nameJa} (${o.kind})`,
      ...o.users.map((u) => `    ${u.email.padEnd(36)} ${u.roles.join(', ')}`),
    ]);
    process.stdout.write(
      `\nKakine (垣根) demo mode — ${config.baseUrl}\nDemo accounts (password: ${DEMO_PASSWORD}; ` +
        `the sign-in page shows each account's current verification code):\n${lines.join('\n')}\n\n`,
    );
  }
};

main().catch((error) => {
  if (error instanceof ConfigError || error instanceof DataDirLockedError || error instanceof BundledCatalogueError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`Kakine failed to start: ${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
  process.exit(1);
});
