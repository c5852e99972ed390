import { existsSync, realpathSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AuditVerifyResult } from '@kakine/contracts';
import { EXPORT_ROW_LIMIT } from '../http/list-export';
import { auditTableExists, listChainOwners } from '../platform/audit/audit.repository';
import { createAuditService } from '../platform/audit/audit.service';
import { type Clock, systemClock } from '../platform/clock';
import { ConfigError, parseConfig } from '../platform/config/config';
import { type Database, type DatabaseTarget, openDatabase, runMigrations } from '../platform/db/database';
import { DataDirLockedError } from '../platform/db/embedded';

/** Where the CLI writes and which environment it reads; tests pass their own. */
export type CliIo = {
  out: (line: string) => void;
  err: (line: string) => void;
  env: Record<string, string | undefined>;
};

/** What the CLI needs from the outside world; tests substitute the database. */
export type CliDeps = { open: (target: DatabaseTarget) => Promise<Database>; clock: Clock };

/** Exit codes: 0 success, 1 a broken audit chain, 2 a usage, configuration or database problem. */
export const EXIT = { ok: 0, broken: 1, failure: 2 } as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const HELP = {
  en: `Usage: kakine <command> [options]   (npm run db:migrate, npm run audit:verify -- [options])

Commands:
  migrate                  Apply pending database migrations, then exit.
  audit:verify             Verify the audit hash chain of every organisation and print one line per organisation.
      --tenant <uuid>      Verify only this organisation's chain.

Options:
  -h, --help               Show this help.

The database is the server's: DATABASE_URL for PostgreSQL, otherwise the embedded database in DATA_DIR (./data),
which a running server keeps locked - stop the server first.
Each verification is itself recorded in that organisation's audit trail (audit.verified).
Exit status: 0 every chain intact (or migrations applied), 1 a chain is broken, 2 usage, configuration or database error.`,
  ja: `使い方: kakine <コマンド> [オプション]   (npm run db:migrate, npm run audit:verify -- [オプション])

コマンド:
  migrate                  未適用のデータベース移行を適用して終了します。
  audit:verify             すべての組織の監査証跡（ハッシュチェーン）を検証し、組織ごとに1行ずつ結果を表示します。
      --tenant <uuid>      指定した組織のチェーンだけを検証します。

オプション:
  -h, --help               このヘルプを表示します。

データベースはサーバーと同じです: DATABASE_URL があれば PostgreSQL、なければ DATA_DIR（./data）の組み込みデータベース。
組み込みデータベースは起動中のサーバーがロックしているため、先にサーバーを停止してください。
検証の実行そのものも、その組織の監査証跡に記録されます（audit.verified）。
終了コード: 0 すべて改ざんなし（または移行完了）、1 チェーンの破損あり、2 使い方・設定・データベースのエラー。`,
};

const TEXT = {
  en: {
    unknownCommand: (c: string) => `Unknown command "${c}". Run with --help to see the commands.`,
    noCommand: 'No command given. Run with --help to see the commands.',
    unknownOption: (o: string) => `Unknown option "${o}". Run with --help to see the options.`,
    missingValue: (o: string) => `Option ${o} needs a value.`,
    badTenant: (v: string) => `--tenant must be an organisation id (UUID); got "${v}".`,
    noSuchTenant: (v: string) => `No organisation has the id ${v}.`,
    noDatabase: (dir: string) =>
      `There is no Kakine database in ${dir}. Start the server once or run "npm run db:migrate" first, or set DATA_DIR.`,
    notMigrated: 'The database has no audit trail table yet. Run "npm run db:migrate" first.',
    migrated: (applied: number, total: number) =>
      applied === 0
        ? `The database is up to date (${total} migrations applied).`
        : `Applied ${applied} migration${applied === 1 ? '' : 's'} (${total} in total).`,
    intact: (n: number, head: AuditVerifyResult['head']) =>
      `${n} event${n === 1 ? '' : 's'} checked, intact${head ? ` (head seq ${head.seq}, hash ${head.hash})` : ''}`,
    broken: (n: number, b: NonNullable<AuditVerifyResult['firstBroken']>) =>
      `${n} event${n === 1 ? '' : 's'} checked, BROKEN at seq ${b.seq} (id ${b.id}, type ${b.type}, ${b.occurredAt}): ${b.reason}`,
    summary: (intact: number, total: number) =>
      total === 0
        ? 'There are no organisations yet: nothing to verify.'
        : intact === total
          ? `All ${total} audit chains are intact.`
          : `${total - intact} of ${total} audit chains are broken.`,
    failed: 'Kakine CLI failed:',
  },
  ja: {
    unknownCommand: (c: string) => `不明なコマンド「${c}」です。--help でコマンドの一覧を表示します。`,
    noCommand: 'コマンドが指定されていません。--help でコマンドの一覧を表示します。',
    unknownOption: (o: string) => `不明なオプション「${o}」です。--help で使い方を表示します。`,
    missingValue: (o: string) => `オプション ${o} には値が必要です。`,
    badTenant: (v: string) => `--tenant には組織ID（UUID）を指定してください（指定値: "${v}"）。`,
    noSuchTenant: (v: string) => `ID ${v} の組織はありません。`,
    noDatabase: (dir: string) =>
      `${dir} に Kakine のデータベースがありません。一度サーバーを起動するか「npm run db:migrate」を実行するか、DATA_DIR を指定してください。`,
    notMigrated: 'データベースに監査証跡のテーブルがまだありません。先に「npm run db:migrate」を実行してください。',
    migrated: (applied: number, total: number) =>
      applied === 0
        ? `データベースは最新です（適用済みの移行 ${total} 件）。`
        : `${applied} 件の移行を適用しました（合計 ${total} 件）。`,
    intact: (n: number, head: AuditVerifyResult['head']) =>
      `${n} 件を検証、改ざんなし${head ? `（末尾 seq ${head.seq}、ハッシュ ${head.hash}）` : ''}`,
    broken: (n: number, b: NonNullable<AuditVerifyResult['firstBroken']>) =>
      `${n} 件を検証、seq ${b.seq} で破損を検出（id ${b.id}、種別 ${b.type}、${b.occurredAt}）: ${b.reason}`,
    summary: (intact: number, total: number) =>
      total === 0
        ? '組織がまだないため、検証する監査チェーンはありません。'
        : intact === total
          ? `${total} 件の監査チェーンはすべて改ざんされていません。`
          : `${total} 件中 ${total - intact} 件の監査チェーンが破損しています。`,
    failed: 'Kakine CLI でエラーが発生しました:',
  },
};

/** The CLI's language: Japanese when the POSIX locale says so, English otherwise. */
export const cliLanguage = (env: Record<string, string | undefined>): 'ja' | 'en' =>
  /^ja/i.test(env.LC_ALL || env.LC_MESSAGES || env.LANG || '') ? 'ja' : 'en';

/** A parsed command line: the command, its options, and anything the parser could not accept. */
export type ParsedArgs = {
  command: string | null;
  help: boolean;
  options: Record<string, string>;
  error: { kind: 'unknownOption' | 'missingValue'; option: string } | null;
};

const VALUED_OPTIONS = new Set(['--tenant']);

/** Parses `argv` (without node and the script): one command word, `--name value` or `--name=value`, `-h/--help`. */
export const parseArgs = (argv: readonly string[]): ParsedArgs => {
  const parsed: ParsedArgs = { command: null, help: false, options: {}, error: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help' || arg === 'help') {
      parsed.help = true;
    } else if (arg.startsWith('-')) {
      const [name, inline] = arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg];
      if (!name || !VALUED_OPTIONS.has(name)) {
        parsed.error ??= { kind: 'unknownOption', option: name ?? arg };
        continue;
      }
      const value = inline ?? argv[i + 1];
      if (value === undefined || value === '' || (inline === undefined && value.startsWith('-'))) {
        parsed.error ??= { kind: 'missingValue', option: name };
        continue;
      }
      if (inline === undefined) i++;
      parsed.options[name.slice(2)] = value;
    } else if (parsed.command === null) {
      parsed.command = arg;
    } else {
      parsed.error ??= { kind: 'unknownOption', option: arg };
    }
  }
  return parsed;
};

/** The label audit events carry when the CLI records them: which command, run by which OS user on which host. */
const cliLabel = (): string => {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry for this uid (some containers).
  }
  return `Kakine CLI audit:verify (${user}@${hostname()})`;
};

const countMigrations = async (db: Database): Promise<number> => {
  const present = await db.pool.query(`select to_regclass('drizzle.__drizzle_migrations') is not null as present`);
  if (!present.rows[0]?.present) return 0;
  const result = await db.pool.query('select count(*)::int as n from drizzle.__drizzle_migrations');
  return result.rows[0]?.n ?? 0;
};

/**
 * Runs one CLI command and returns the exit code. `migrate` applies migrations; `audit:verify` verifies every
 * organisation's chain (or one, with `--tenant`), records each verification, and prints one line per organisation.
 */
export const runCli = async (
  argv: readonly string[],
  io: CliIo,
  deps: CliDeps = { open: openDatabase, clock: systemClock },
): Promise<number> => {
  const lang = cliLanguage(io.env);
  const text = TEXT[lang];
  const args = parseArgs(argv);
  if (args.help) {
    io.out(HELP[lang]);
    return EXIT.ok;
  }
  if (args.error) {
    io.err(text[args.error.kind](args.error.option));
    return EXIT.failure;
  }
  if (args.command === null) {
    io.err(text.noCommand);
    return EXIT.failure;
  }
  if (args.command !== 'migrate' && args.command !== 'audit:verify') {
    io.err(text.unknownCommand(args.command));
    return EXIT.failure;
  }
  const allowed = args.command === 'audit:verify' ? ['tenant'] : [];
  const stray = Object.keys(args.options).find((o) => !allowed.includes(o));
  if (stray) {
    io.err(text.unknownOption(`--${stray}`));
    return EXIT.failure;
  }
  const tenant = args.options.tenant;
  if (tenant !== undefined && !UUID.test(tenant)) {
    io.err(text.badTenant(tenant));
    return EXIT.failure;
  }

  let db: Database | null = null;
  try {
    const config = parseConfig(io.env);
    const target: DatabaseTarget = config.databaseUrl
      ? { kind: 'native', url: config.databaseUrl }
      : { kind: 'embedded', dataDir: config.dataDir };
    // Verification must not create an empty database where none was (the embedded one lives in <DATA_DIR>/pgdata).
    if (
      args.command === 'audit:verify' &&
      target.kind === 'embedded' &&
      !existsSync(path.join(target.dataDir, 'pgdata'))
    ) {
      io.err(text.noDatabase(target.dataDir));
      return EXIT.failure;
    }
    db = await deps.open(target);

    if (args.command === 'migrate') {
      const before = await countMigrations(db);
      await runMigrations(db);
      const after = await countMigrations(db);
      io.out(text.migrated(after - before, after));
      return EXIT.ok;
    }

    const open = db;
    if (!(await open.system((tx) => auditTableExists(tx)))) {
      io.err(text.notMigrated);
      return EXIT.failure;
    }
    const owners = (await open.system((tx) => listChainOwners(tx))).filter((o) => !tenant || o.id === tenant);
    if (tenant && owners.length === 0) {
      io.err(text.noSuchTenant(tenant));
      return EXIT.failure;
    }
    const audit = createAuditService({ db: open, clock: deps.clock, exportLimit: EXPORT_ROW_LIMIT });
    const label = cliLabel();
    let intactCount = 0;
    for (const owner of owners) {
      const result = await audit.verifyTenant({ tenantId: owner.id, userId: null, label, ip: null });
      const name = lang === 'ja' ? owner.nameJa : `${owner.nameEn} (${owner.nameJa})`;
      const outcome = result.firstBroken
        ? text.broken(result.checked, result.firstBroken)
        : text.intact(result.checked, result.head);
      if (result.intact) intactCount++;
      io.out(`${result.intact ? 'OK    ' : 'BROKEN'} ${name} [${owner.id}]: ${outcome}`);
    }
    io.out(text.summary(intactCount, owners.length));
    return intactCount === owners.length ? EXIT.ok : EXIT.broken;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof DataDirLockedError) {
      io.err(error.message);
      return EXIT.failure;
    }
    io.err(`${text.failed} ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return EXIT.failure;
  } finally {
    await db?.close();
  }
};

const invokedDirectly = (() => {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
})();

if (invokedDirectly) {
  runCli(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
  }).then((code) => process.exit(code));
}
