import { sql } from 'drizzle-orm';
import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Organisations are the tenants: a company, METI, or a certification body. The id is the tenant id. */
export const organisations = pgTable('organisations', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  kind: text('kind', { enum: ['company', 'meti', 'certification_body'] }).notNull(),
  nameJa: text('name_ja').notNull(),
  nameEn: text('name_en').notNull(),
  /** 法人番号: 13 digits, for companies. */
  corporateNumber: text('corporate_number'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
