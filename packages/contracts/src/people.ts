import { z } from 'zod';
import { IsoDate, ListQuery, pageOf } from './common';
import type { Bilingual } from './errors';

/** How a person works for the company: employee, officer (役員), dispatched (派遣), secondee (出向), contractor (業務委託). */
export const EMPLOYMENT_TYPES = ['employee', 'officer', 'dispatched', 'secondee', 'contractor'] as const;
/** How a person works for the company. */
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];
/** Zod schema of an employment type. */
export const EmploymentTypeSchema = z.enum(EMPLOYMENT_TYPES);
/** Employment types in both languages, for screens, exports and the HR import (which accepts either). */
export const EMPLOYMENT_TYPE_LABELS: Record<EmploymentType, Bilingual> = {
  employee: { ja: '従業員', en: 'Employee' },
  officer: { ja: '役員', en: 'Officer' },
  dispatched: { ja: '派遣社員', en: 'Dispatched worker' },
  secondee: { ja: '出向者', en: 'Secondee' },
  contractor: { ja: '業務委託', en: 'Contractor' },
};

/** Where a person is in their time with the company: active, leaving (notice given, last day set), left. */
export const PERSON_STATUSES = ['active', 'leaving', 'left'] as const;
/** Where a person is in their time with the company. */
export type PersonStatus = (typeof PERSON_STATUSES)[number];
/** Zod schema of a person status. */
export const PersonStatusSchema = z.enum(PERSON_STATUSES);
/** Person statuses in both languages. */
export const PERSON_STATUS_LABELS: Record<PersonStatus, Bilingual> = {
  active: { ja: '在籍', en: 'Active' },
  leaving: { ja: '退職予定', en: 'Leaving' },
  left: { ja: '退職済み', en: 'Left' },
};

const Text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(/^[^\p{Cc}]*$/u, { message: 'control characters are not allowed' });
const OptionalText = (max: number) =>
  Text(max)
    .nullish()
    .transform((v) => (v ? v : null));
/** Free text that may span lines (tabs and line breaks allowed, other control characters not). */
const OptionalMultilineText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(/^(?:[\t\n\r]|[^\p{Cc}])*$/u, { message: 'control characters are not allowed' })
    .nullish()
    .transform((v) => (v ? v : null));

/** The company's own employee id (社員番号): the key of the HR import. */
export const EmployeeId = Text(64).min(1);

/**
 * A person of the tenant's directory as created or replaced. A `leaving` person needs a last working day; `left`
 * keeps it as the leaving date.
 */
export const PersonInput = z
  .object({
    employeeId: EmployeeId,
    name: Text(200).min(1),
    /** Reading in kana (フリガナ), for sorting the way Japanese users expect. */
    nameKana: OptionalText(200),
    email: z
      .email()
      .max(320)
      .nullish()
      .transform((v) => (v ? v.toLowerCase() : null)),
    department: OptionalText(200),
    jobTitle: OptionalText(200),
    employmentType: EmploymentTypeSchema,
    /** For dispatched workers, secondees and contractors: the company they come from. */
    employer: OptionalText(200),
    status: PersonStatusSchema.default('active'),
    lastWorkingDay: IsoDate.nullish().transform((v) => v ?? null),
    contractEndDate: IsoDate.nullish().transform((v) => v ?? null),
    notes: OptionalMultilineText(2000),
  })
  .refine((p) => p.status === 'active' || p.lastWorkingDay !== null, {
    message: 'a leaving or left person needs a last working day',
    path: ['lastWorkingDay'],
  });
/** A person as created or replaced. */
export type PersonInput = z.infer<typeof PersonInput>;

/** PUT /people/:id: the whole person plus the version read, for optimistic concurrency. */
export const UpdatePersonBody = z.object({ person: PersonInput, version: z.number().int().min(1) });
/** PUT /people/:id body. */
export type UpdatePersonBody = z.infer<typeof UpdatePersonBody>;

/** What the caller may do to a person record. */
export const PersonAbilities = z.object({ edit: z.boolean() });

/** A person of the tenant's directory. */
export const PersonView = z.object({
  id: z.uuid(),
  employeeId: z.string(),
  name: z.string(),
  nameKana: z.string().nullable(),
  email: z.string().nullable(),
  department: z.string().nullable(),
  jobTitle: z.string().nullable(),
  employmentType: EmploymentTypeSchema,
  employer: z.string().nullable(),
  status: PersonStatusSchema,
  lastWorkingDay: z.string().nullable(),
  contractEndDate: z.string().nullable(),
  notes: z.string().nullable(),
  /** The Kakine user with the same e-mail address in this organisation, if any. */
  userId: z.uuid().nullable(),
  /** Technologies this person holds know-how for or has been granted access to (active grants). */
  knowHowTechnologies: z.number().int(),
  accessGrants: z.number().int(),
  version: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
  abilities: PersonAbilities,
});
/** A person of the tenant's directory. */
export type PersonView = z.infer<typeof PersonView>;

/** GET /people: filters, sort and export. */
export const PeopleListQuery = ListQuery.extend({
  /** Matches employee id, name, kana, e-mail and department, including Japanese substrings. */
  q: z.string().trim().max(200).optional(),
  department: z.string().trim().max(200).optional(),
  employmentType: EmploymentTypeSchema.optional(),
  status: PersonStatusSchema.optional(),
  sort: z
    .enum(['employeeId', 'name', 'department', 'employmentType', 'status', 'lastWorkingDay'])
    .default('employeeId'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
/** GET /people query. */
export type PeopleListQuery = z.infer<typeof PeopleListQuery>;
/** A page of people. */
export const PeopleList = pageOf(PersonView);
/** A page of people. */
export type PeopleList = z.infer<typeof PeopleList>;

/** GET /people/departments: the departments in use, for filters and pickers. */
export const DepartmentList = z.object({ items: z.array(z.string()) });

/**
 * The columns of the HR import (CSV or XLSX) in template order: the Japanese header is what the template writes;
 * the English header is accepted too. `employeeId` is the key: re-importing the same file changes nothing.
 */
export const PEOPLE_IMPORT_COLUMNS = [
  { key: 'employeeId', ja: '社員番号', en: 'Employee ID', required: true },
  { key: 'name', ja: '氏名', en: 'Name', required: true },
  { key: 'nameKana', ja: 'フリガナ', en: 'Name (kana)', required: false },
  { key: 'email', ja: 'メールアドレス', en: 'E-mail', required: false },
  { key: 'department', ja: '部署', en: 'Department', required: false },
  { key: 'jobTitle', ja: '役職', en: 'Job title', required: false },
  { key: 'employmentType', ja: '雇用区分', en: 'Employment type', required: true },
  { key: 'employer', ja: '所属元', en: 'Employer', required: false },
  { key: 'status', ja: '在籍状況', en: 'Status', required: false },
  { key: 'lastWorkingDay', ja: '最終出社日', en: 'Last working day', required: false },
  { key: 'contractEndDate', ja: '契約終了日', en: 'Contract end date', required: false },
  { key: 'notes', ja: '備考', en: 'Notes', required: false },
] as const satisfies readonly { key: keyof PersonInput; ja: string; en: string; required: boolean }[];
