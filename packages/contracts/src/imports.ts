import { z } from 'zod';

/**
 * How an import treats a file with invalid rows: `all_or_nothing` commits nothing when any row fails; `valid_rows_only`
 * imports the rows that passed and reports the others.
 */
export const ImportModeSchema = z.enum(['all_or_nothing', 'valid_rows_only']);
/** How an import treats a file with invalid rows. */
export type ImportMode = z.infer<typeof ImportModeSchema>;

/**
 * The multipart fields of every tabular import besides the file itself: `mode`, and `dryRun=true` to validate and
 * preview without writing anything.
 */
export const ImportOptions = z.object({
  mode: ImportModeSchema.default('all_or_nothing'),
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});
/** Parsed import options. */
export type ImportOptions = z.infer<typeof ImportOptions>;

/** Stable codes of what can be wrong with one cell or row of an imported file. */
export const IMPORT_ISSUE_CODES = [
  'required',
  'too_long',
  'invalid_value',
  'invalid_date',
  'invalid_number',
  'invalid_email',
  'unknown_reference',
  'duplicate_key',
  'formula_not_allowed',
  'unknown_column',
] as const;
/** What is wrong with one cell or row. */
export type ImportIssueCode = (typeof IMPORT_ISSUE_CODES)[number];

/** One problem in an imported file: the 1-based row as the spreadsheet shows it, the column header, and what is wrong. */
export const ImportIssue = z.object({
  row: z.number().int(),
  /** The column's header as written in the file (Japanese in the template), or null for a whole-row problem. */
  column: z.string().nullable(),
  code: z.enum(IMPORT_ISSUE_CODES),
  /** The explanation in the caller's language. */
  message: z.string(),
  /** The offending value as text, cut to 100 characters. */
  value: z.string().nullable(),
});
/** One problem in an imported file. */
export type ImportIssue = z.infer<typeof ImportIssue>;

/** The result of validating (dry run) or committing an import. */
export const ImportReport = z.object({
  /** Data rows read (header excluded, blank rows skipped). */
  totalRows: z.number().int(),
  validRows: z.number().int(),
  invalidRows: z.number().int(),
  /** Rows that would create (dry run) or created a record. */
  created: z.number().int(),
  /** Rows that would change or changed an existing record (matched by the file's key column). */
  updated: z.number().int(),
  /** Rows identical to the existing record. */
  unchanged: z.number().int(),
  /** Whether anything was written: false for a dry run and for a refused all-or-nothing import. */
  committed: z.boolean(),
  mode: ImportModeSchema,
  dryRun: z.boolean(),
  /** The problems found, in row order; capped at 1,000 with `issuesTruncated` set. */
  issues: z.array(ImportIssue),
  issuesTruncated: z.boolean(),
});
/** The result of validating or committing an import. */
export type ImportReport = z.infer<typeof ImportReport>;
