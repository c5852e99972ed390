import {
  type ExportControlStatus,
  type LOCATION_KINDS,
  TechnologyInput,
  type TechnologyInput as TechnologyInputType,
} from '@kakine/contracts';
import type { ApiError } from '../../lib/api-client';
import type { Technology } from './api';

/** One row of the locations editor; `key` only keeps React rows stable while editing. */
export type LocationDraft = {
  key: string;
  kind: (typeof LOCATION_KINDS)[number];
  name: string;
  countryCode: string | null;
  detail: string;
};

/** The technology form's state: every field as the inputs hold it (text, never undefined). */
export type TechnologyForm = {
  code: string;
  nameJa: string;
  nameEn: string;
  description: string;
  products: string[];
  ownerUserId: string | null;
  department: string;
  classificationCode: string | null;
  isCore: boolean;
  coreReason: string;
  designatedCodes: string[];
  exportStatus: ExportControlStatus;
  listItemRef: string;
  assessorName: string;
  assessedOn: string;
  evidenceFileIds: string[];
  locations: LocationDraft[];
  /** Empty: the company's default cadence. */
  reviewIntervalMonths: number | '';
  lastReviewedOn: string;
};

let nextKey = 0;
/** A fresh key for a new locations-editor row. */
export const newLocationKey = (): string => {
  nextKey += 1;
  return `location-${nextKey}`;
};

/** An empty location row of the given kind (sites start in Japan, the most common case). */
export const emptyLocation = (kind: LocationDraft['kind']): LocationDraft => ({
  key: newLocationKey(),
  kind,
  name: '',
  countryCode: kind === 'site' ? 'JP' : null,
  detail: '',
});

/** The form of a technology not yet registered. */
export const emptyTechnologyForm = (): TechnologyForm => ({
  code: '',
  nameJa: '',
  nameEn: '',
  description: '',
  products: [],
  ownerUserId: null,
  department: '',
  classificationCode: null,
  isCore: false,
  coreReason: '',
  designatedCodes: [],
  exportStatus: 'undetermined',
  listItemRef: '',
  assessorName: '',
  assessedOn: '',
  evidenceFileIds: [],
  locations: [],
  reviewIntervalMonths: '',
  lastReviewedOn: '',
});

/** The form filled with a registered technology, for editing. */
export const technologyToForm = (t: Technology): TechnologyForm => ({
  code: t.code,
  nameJa: t.nameJa,
  nameEn: t.nameEn ?? '',
  description: t.description,
  products: [...t.products],
  ownerUserId: t.ownerUserId,
  department: t.department ?? '',
  classificationCode: t.classificationCode,
  isCore: t.isCore,
  coreReason: t.coreReason ?? '',
  designatedCodes: t.designated.map((d) => d.code),
  exportStatus: t.exportControl.status,
  listItemRef: t.exportControl.listItemRef ?? '',
  assessorName: t.exportControl.assessorName ?? '',
  assessedOn: t.exportControl.assessedOn ?? '',
  evidenceFileIds: [...t.exportControl.evidenceFileIds],
  locations: t.locations.map((l) => ({
    key: newLocationKey(),
    kind: l.kind,
    name: l.name,
    countryCode: l.countryCode,
    detail: l.detail ?? '',
  })),
  reviewIntervalMonths: t.reviewIntervalMonths,
  lastReviewedOn: t.lastReviewedOn ?? '',
});

const orNull = (value: string): string | null => (value.trim() ? value.trim() : null);

/** The request body of the form: trimmed, empty texts as null, the core reason only for core technology. */
export const formToInput = (form: TechnologyForm): TechnologyInputType => ({
  code: form.code.trim(),
  nameJa: form.nameJa.trim(),
  nameEn: orNull(form.nameEn),
  description: form.description.trim(),
  products: form.products.map((p) => p.trim()).filter(Boolean),
  ownerUserId: form.ownerUserId,
  department: orNull(form.department),
  classificationCode: form.classificationCode ?? '',
  isCore: form.isCore,
  coreReason: form.isCore ? orNull(form.coreReason) : null,
  designatedCodes: form.designatedCodes,
  exportControl: {
    status: form.exportStatus,
    listItemRef: orNull(form.listItemRef),
    assessorName: orNull(form.assessorName),
    assessedOn: orNull(form.assessedOn),
    evidenceFileIds: form.evidenceFileIds,
  },
  locations: form.locations.map((l) => ({
    kind: l.kind,
    name: l.name.trim(),
    countryCode: l.kind === 'site' ? l.countryCode : null,
    detail: orNull(l.detail),
  })),
  reviewIntervalMonths: form.reviewIntervalMonths === '' ? null : form.reviewIntervalMonths,
  lastReviewedOn: orNull(form.lastReviewedOn),
});

/** What is wrong with one field, as a message key of `register.form.errors` plus its parameter. */
export type FieldProblem = {
  key:
    | 'required'
    | 'tooLong'
    | 'tooMany'
    | 'codeFormat'
    | 'date'
    | 'coreReasonRequired'
    | 'assessedOnRequired'
    | 'siteCountryRequired'
    | 'duplicate'
    | 'range'
    | 'invalid';
  max?: number;
};

/** Problems by field path (`code`, `exportControl.assessedOn`, `locations.2.countryCode`). */
export type FormProblems = Record<string, FieldProblem>;

type Issue = { code: string; path: PropertyKey[]; maximum?: unknown; minimum?: unknown; origin?: unknown };

const problemOf = (issue: Issue, path: string): FieldProblem => {
  if (issue.code === 'custom') {
    if (path === 'coreReason') return { key: 'coreReasonRequired' };
    if (path === 'exportControl.assessedOn') return { key: 'assessedOnRequired' };
    if (/^locations\.\d+\.countryCode$/.test(path)) return { key: 'siteCountryRequired' };
    if (path === 'designatedCodes') return { key: 'duplicate' };
    return { key: 'invalid' };
  }
  if (issue.code === 'too_small') {
    return issue.origin === 'string' ? { key: 'required' } : { key: 'range' };
  }
  if (issue.code === 'too_big') {
    if (issue.origin === 'string') return { key: 'tooLong', max: Number(issue.maximum) };
    if (issue.origin === 'array') return { key: 'tooMany', max: Number(issue.maximum) };
    return { key: 'range' };
  }
  if (issue.code === 'invalid_format') {
    if (path === 'code') return { key: 'codeFormat' };
    if (/(On|assessedOn)$/.test(path)) return { key: 'date' };
  }
  if (issue.code === 'invalid_type' && path === 'classificationCode') return { key: 'required' };
  return { key: 'invalid' };
};

/**
 * Checks the form with the same schema the server uses (`TechnologyInput` from the contracts), so that the form and
 * the API never disagree, and returns the first problem of each field.
 */
export const validateTechnologyForm = (form: TechnologyForm): FormProblems => {
  const problems: FormProblems = {};
  if (!form.classificationCode) problems.classificationCode = { key: 'required' };
  const parsed = TechnologyInput.safeParse(formToInput(form));
  if (parsed.success) return problems;
  for (const issue of parsed.error.issues as Issue[]) {
    const path = issue.path.map(String).join('.');
    if (!(path in problems)) problems[path] = problemOf(issue, path);
  }
  return problems;
};

/**
 * Field problems the server reported (`request/invalid`), keyed like {@link validateTechnologyForm}'s (the PUT body
 * nests the technology under `technology`, which is dropped).
 */
export const serverFieldMessages = (error: ApiError | null): Record<string, string> => {
  const result: Record<string, string> = {};
  if (!error) return result;
  for (const { path, message } of error.fieldErrors) {
    const key = path.replace(/^technology\./, '');
    if (!(key in result)) result[key] = message;
  }
  return result;
};
