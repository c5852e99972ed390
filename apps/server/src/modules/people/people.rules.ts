import type { PersonInput } from '@kakine/contracts';

/** The fields of a person that the form and the import write, in the order changes are listed. */
export const PERSON_FIELDS = [
  'employeeId',
  'name',
  'nameKana',
  'email',
  'department',
  'jobTitle',
  'employmentType',
  'employer',
  'status',
  'lastWorkingDay',
  'contractEndDate',
  'notes',
] as const satisfies readonly (keyof PersonInput)[];

/** A field of a person that the form and the import write. */
export type PersonField = (typeof PERSON_FIELDS)[number];

/** The person fields the register's concentration risk depends on (who leaves when, and from which team). */
export const REGISTER_RELEVANT_FIELDS: readonly PersonField[] = [
  'status',
  'lastWorkingDay',
  'department',
  'employmentType',
];

/** One changed field with its old and new value, as the `person.updated` audit event records it. */
export type PersonFieldChange = { field: PersonField; before: unknown; after: unknown };

/**
 * Normalises an employee id the way it is stored and matched: NFKC (full-width letters and digits from Excel become
 * ASCII) and trimmed, so that "Ｍ－０００１" in an HR file finds "M-0001".
 */
export const normaliseEmployeeId = (employeeId: string): string => employeeId.normalize('NFKC').trim();

const searchPart = (value: string | null | undefined) => (value ?? '').normalize('NFKC').toLowerCase().trim();

/**
 * The text the people search matches (trigram-indexed): employee id, name, kana, e-mail, department and job title,
 * NFKC-normalised and lowercased, so that half-width kana and full-width letters find the same person.
 */
export const personSearchText = (person: {
  employeeId: string;
  name: string;
  nameKana?: string | null;
  email?: string | null;
  department?: string | null;
  jobTitle?: string | null;
}): string =>
  [person.employeeId, person.name, person.nameKana, person.email, person.department, person.jobTitle]
    .map(searchPart)
    .filter((part) => part !== '')
    .join(' ');

/** The LIKE pattern of a search query, normalised like `personSearchText` and with wildcards escaped. */
export const searchPattern = (query: string): string =>
  `%${query
    .normalize('NFKC')
    .toLowerCase()
    .trim()
    .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The changed fields between two versions of a person, in field order; empty when nothing changed. */
export const personChanges = (before: PersonInput, after: PersonInput): PersonFieldChange[] =>
  PERSON_FIELDS.filter((field) => (before[field] ?? null) !== (after[field] ?? null)).map((field) => ({
    field,
    before: before[field] ?? null,
    after: after[field] ?? null,
  }));

/** Whether a change touches a field that the register's concentration risk depends on. */
export const affectsRegister = (changes: readonly PersonFieldChange[]): boolean =>
  changes.some((change) => REGISTER_RELEVANT_FIELDS.includes(change.field));
