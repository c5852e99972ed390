import { ConfigError, loadConfig } from '../platform/config/config';
import { openDatabase, runMigrations } from '../platform/db/database';
import { DataDirLockedError } from '../platform/db/embedded';
import { createLogger } from '../platform/logger/logger';
import { MAIL_DELIVERY_JOB_KIND } from '../platform/mail/delivery.service';
import { composeServices } from './compose';

const HELP = `Usage: npm run worker [-- --drain]

Runs Kakine's background jobs (imports, e-mail delivery, maintenance) without serving HTTP.
  (no option)   Work jobs until stopped (SIGINT/SIGTERM); start servers with KAKINE_WORKER=off.
  --drain       Work every job that is due (and deliver due e-mail), then exit.

A separate worker needs PostgreSQL (DATABASE_URL): the embedded database belongs to the one process that opened it.
`;

const main = async () => {
  const args = process.argv.slice(2);
  if (args.includes('-h') || args.includes('--help')) {
    process.stdout.write(HELP);
    return;
  }
  const unknown = args.filter((a) => a !== '--drain');
  if (unknown.length > 0) {
    process.stderr.write(`Unknown option: ${unknown.join(' ')}\n\n${HELP}`);
    process.exit(2);
  }
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const db = await openDatabase(
    config.databaseUrl ? { kind: 'native', url: config.databaseUrl } : { kind: 'embedded', dataDir: config.dataDir },
  );
  await runMigrations(db);
  const services = composeServices({ config, db, log });

  if (args.includes('--drain')) {
    try {
      // Pending e-mail has no queued job of its own until the watch notices it; ask for one explicitly.
      await services.jobs.trigger(MAIL_DELIVERY_JOB_KIND);
      await services.jobs.drain();
      log.info('every due job has run');
    } finally {
      await services.jobs.stop();
      await db.close();
    }
    return;
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'worker shutting down');
    try {
      await services.jobs.stop();
    } catch (error) {
      log.error({ err: error }, 'job queue did not stop cleanly');
    } finally {
      await db.close();
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await services.jobs.start({ work: true });
  log.info({ database: db.kind }, 'Kakine worker is running');
};

main().catch((error) => {
  if (error instanceof DataDirLockedError) {
    process.stderr.write(
      `${error.message}\nA separate worker cannot share the embedded database: set DATABASE_URL, or let the server ` +
        'work jobs itself (KAKINE_WORKER=embedded, the default).\n',
    );
    process.exit(2);
  }
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`Kakine worker failed: ${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
  process.exit(1);
});
