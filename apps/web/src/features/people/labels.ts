import type { Locale } from '@kakine/contracts';
import {
  type Bilingual,
  EMPLOYMENT_TYPE_LABELS,
  type EmploymentType,
  PERSON_STATUS_LABELS,
  type PersonStatus,
} from '@kakine/contracts';

/** A contract label in the UI language. */
export const inLocale = (label: Bilingual, locale: Locale): string => label[locale];

/** The label of an employment type (従業員, 派遣社員 …) in the UI language. */
export const employmentTypeLabel = (type: EmploymentType, locale: Locale): string =>
  EMPLOYMENT_TYPE_LABELS[type][locale];

/** The label of a person status (在籍, 退職予定, 退職済み) in the UI language. */
export const personStatusLabel = (status: PersonStatus, locale: Locale): string => PERSON_STATUS_LABELS[status][locale];

/** Whether a person comes from outside the company (派遣・出向・業務委託), which access reviews look at closely. */
export const isExternal = (type: EmploymentType): boolean =>
  type === 'dispatched' || type === 'secondee' || type === 'contractor';
