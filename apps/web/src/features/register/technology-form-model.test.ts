import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api-client';
import type { Technology } from './api';
import {
  emptyLocation,
  emptyTechnologyForm,
  formToInput,
  serverFieldMessages,
  type TechnologyForm,
  technologyToForm,
  validateTechnologyForm,
} from './technology-form-model';

const valid = (): TechnologyForm => ({
  ...emptyTechnologyForm(),
  code: 'MLCC-001',
  nameJa: '積層セラミックコンデンサの薄層化技術',
  classificationCode: 'top_secret',
});

describe('technology form validation (the contract schema, in Japanese keys)', () => {
  it('accepts a minimal technology', () => {
    expect(validateTechnologyForm(valid())).toEqual({});
  });

  it('asks for the code, the name and the classification of an empty form', () => {
    const problems = validateTechnologyForm(emptyTechnologyForm());
    expect(problems.code).toEqual({ key: 'required' });
    expect(problems.nameJa).toEqual({ key: 'required' });
    expect(problems.classificationCode).toEqual({ key: 'required' });
  });

  it('explains a code with spaces and a name that is too long', () => {
    const problems = validateTechnologyForm({ ...valid(), code: 'MLCC 001', nameJa: 'あ'.repeat(201) });
    expect(problems.code).toEqual({ key: 'codeFormat' });
    expect(problems.nameJa).toEqual({ key: 'tooLong', max: 200 });
  });

  it('needs a reason for core technology, and forgets the reason when it is no longer core', () => {
    expect(validateTechnologyForm({ ...valid(), isCore: true }).coreReason).toEqual({ key: 'coreReasonRequired' });
    expect(validateTechnologyForm({ ...valid(), isCore: true, coreReason: '競争力の源泉' })).toEqual({});
    expect(formToInput({ ...valid(), isCore: false, coreReason: '古い理由' }).coreReason).toBeNull();
  });

  it('needs the date of an export-control result, but not while it is undetermined', () => {
    expect(validateTechnologyForm({ ...valid(), exportStatus: 'applicable' })['exportControl.assessedOn']).toEqual({
      key: 'assessedOnRequired',
    });
    expect(validateTechnologyForm({ ...valid(), exportStatus: 'undetermined' })).toEqual({});
    expect(
      validateTechnologyForm({ ...valid(), exportStatus: 'not_applicable', assessedOn: '2026-13-40' })[
        'exportControl.assessedOn'
      ],
    ).toEqual({ key: 'date' });
  });

  it('points at the row of a site without a country and of a location without a name', () => {
    const site = { ...emptyLocation('site'), name: '蘇州工場', countryCode: null };
    const system = { ...emptyLocation('system'), name: '' };
    const problems = validateTechnologyForm({ ...valid(), locations: [system, site] });
    expect(problems['locations.0.name']).toEqual({ key: 'required' });
    expect(problems['locations.1.countryCode']).toEqual({ key: 'siteCountryRequired' });
  });
});

describe('technology form ⇄ request body', () => {
  it('trims text, sends empty text as null, and drops the country of a system', () => {
    const input = formToInput({
      ...valid(),
      code: '  MLCC-001 ',
      nameEn: '   ',
      department: ' 開発部 ',
      products: [' MLCC ', ''],
      locations: [
        { ...emptyLocation('system'), name: 'ファイルサーバー', countryCode: 'JP', detail: '\\\\fs01\\開発' },
      ],
      reviewIntervalMonths: '',
    });
    expect(input.code).toBe('MLCC-001');
    expect(input.nameEn).toBeNull();
    expect(input.department).toBe('開発部');
    expect(input.products).toEqual(['MLCC']);
    expect(input.locations).toEqual([
      { kind: 'system', name: 'ファイルサーバー', countryCode: null, detail: '\\\\fs01\\開発' },
    ]);
    expect(input.reviewIntervalMonths).toBeNull();
  });

  it('fills the form from a stored technology so that saving unchanged sends the same values', () => {
    const technology = {
      id: '00000000-0000-4000-8000-000000000001',
      code: 'BT-01',
      nameJa: 'チタン酸バリウム粉末の合成',
      nameEn: null,
      description: '水熱合成',
      products: ['MLCC'],
      ownerUserId: null,
      department: null,
      classificationCode: 'secret',
      isCore: true,
      coreReason: '粒径制御',
      designated: [{ code: 'BARIUM_TITANATE' }],
      exportControl: {
        status: 'not_applicable',
        listItemRef: null,
        assessorName: '山田',
        assessedOn: '2026-01-10',
        evidenceFileIds: [],
      },
      locations: [{ kind: 'site', name: '富山工場', countryCode: 'JP', detail: null }],
      reviewIntervalMonths: 12,
      lastReviewedOn: null,
    } as unknown as Technology;
    const input = formToInput(technologyToForm(technology));
    expect(input).toMatchObject({
      code: 'BT-01',
      nameEn: null,
      isCore: true,
      coreReason: '粒径制御',
      designatedCodes: ['BARIUM_TITANATE'],
      exportControl: { status: 'not_applicable', assessorName: '山田', assessedOn: '2026-01-10' },
      locations: [{ kind: 'site', name: '富山工場', countryCode: 'JP', detail: null }],
      reviewIntervalMonths: 12,
    });
  });
});

describe('server field errors', () => {
  it('keys them like the form, without the `technology.` of the PUT body', () => {
    const error = new ApiError(400, 'request/invalid', '入力内容を確認してください。', {
      fields: [
        { path: ['body', 'technology', 'code'], message: '不正なコード' },
        { path: 'body.technology.locations.0.countryCode', message: '国がありません' },
      ],
    });
    expect(serverFieldMessages(error)).toEqual({ code: '不正なコード', 'locations.0.countryCode': '国がありません' });
    expect(serverFieldMessages(null)).toEqual({});
  });
});
