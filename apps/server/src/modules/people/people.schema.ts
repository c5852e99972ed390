import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, tenantColumn } from '../../platform/db/columns';

/**
 * The tenant's people directory (人員名簿): employees, officers, dispatched workers, secondees and contractors.
 * Shared by the register (access grants, know-how holders) and later modules; keyed by the company's employee id.
 */
export const people = pgTable(
  'people',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    employeeId: text('employee_id').notNull(),
    name: text('name').notNull(),
    nameKana: text('name_kana'),
    /** Lowercase; links the person to the Kakine user with the same address. */
    email: text('email'),
    department: text('department'),
    jobTitle: text('job_title'),
    employmentType: text('employment_type', {
      enum: ['employee', 'officer', 'dispatched', 'secondee', 'contractor'],
    }).notNull(),
    employer: text('employer'),
    status: text('status', { enum: ['active', 'leaving', 'left'] })
      .notNull()
      .default('active'),
    lastWorkingDay: date('last_working_day', { mode: 'string' }),
    contractEndDate: date('contract_end_date', { mode: 'string' }),
    notes: text('notes'),
    /** Lowercased concatenation of the searchable fields, indexed with pg_trgm (written by the repository). */
    searchText: text('search_text').notNull().default(''),
    version: integer('version').notNull().default(1),
    createdAt: createdAtColumn(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('people_employee_id_key').on(t.tenantId, t.employeeId),
    index('people_email_idx').on(t.tenantId, t.email),
    index('people_department_idx').on(t.tenantId, t.department),
    index('people_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
  ],
);
