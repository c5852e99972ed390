import { z } from 'zod';

/** The two UI languages; Japanese is the default. */
export const LOCALES = ['ja', 'en'] as const;
/** A UI language. */
export type Locale = (typeof LOCALES)[number];
/** Zod schema of a UI language. */
export const LocaleSchema = z.enum(LOCALES);

/** A UUID path parameter `:id`. */
export const IdParams = z.object({ id: z.uuid() });

/** A calendar date `YYYY-MM-DD`, the format for effective dates and as-of queries. */
export const IsoDate = z.iso.date();

/**
 * Paging, sorting and export conventions shared by every list endpoint:
 * `?page=1&pageSize=50&sort=field&order=asc|desc&format=json|csv|xlsx`.
 */
export const ListQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  order: z.enum(['asc', 'desc']).default('desc'),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
});
/** Parsed list query (paging, order and export format). */
export type ListQuery = z.infer<typeof ListQuery>;

/** Builds the response schema of a paged list of items. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  });

/** The generic acknowledgement of a state change that returns nothing else. */
export const Ok = z.object({ ok: z.literal(true) });
