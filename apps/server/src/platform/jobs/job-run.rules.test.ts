import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import {
  describeFailure,
  JOB_TRANSITIONS,
  type JobRunRecord,
  MAX_STORED_JSON_BYTES,
  normaliseProgress,
  statesBefore,
  toJobRunView,
  toStoredJson,
} from './job-run.rules';

describe('job run transitions', () => {
  it.each([
    ['running', ['queued']],
    ['succeeded', ['running']],
    ['failed', ['queued', 'running']],
    ['queued', []],
  ] as const)('allows %s only from %j', (to, from) => {
    expect(statesBefore(to)).toEqual(from);
  });

  it('has no way out of a finished run', () => {
    expect(JOB_TRANSITIONS.succeeded).toEqual([]);
    expect(JOB_TRANSITIONS.failed).toEqual([]);
  });
});

describe('describeFailure', () => {
  it('keeps an AppError code and its details', () => {
    expect(describeFailure(new AppError('catalogue/invalid_file', { row: 3 }))).toEqual({
      code: 'catalogue/invalid_file',
      message: 'The catalogue file cannot be read.',
      details: { row: 3 },
      unexpected: false,
    });
  });

  it.each([new Error('ECONNRESET at /srv/app/secret.ts:10'), new TypeError('x is undefined'), 'a thrown string', null])(
    'turns %s into jobs/failed without any of its text',
    (error) => {
      const failure = describeFailure(error);
      expect(failure).toEqual({
        code: 'jobs/failed',
        message: 'The job failed with an unexpected error.',
        details: null,
        unexpected: true,
      });
    },
  );
});

describe('normaliseProgress', () => {
  it.each([
    [[2, 10], { done: 2, total: 10 }],
    [[12, 10], { done: 10, total: 10 }],
    [[-1, 10], { done: 0, total: 10 }],
    [[2.7, 9.9], { done: 2, total: 9 }],
    [[5, undefined], { done: 5, total: undefined }],
    [[5, null], { done: 5, total: null }],
  ] as const)('normalises %j to %j', ([done, total], expected) => {
    expect(normaliseProgress(done, total)).toEqual(expected);
  });

  it('rejects numbers that are not finite', () => {
    expect(() => normaliseProgress(Number.NaN, 1)).toThrow(TypeError);
    expect(() => normaliseProgress(1, Number.POSITIVE_INFINITY)).toThrow(TypeError);
  });
});

describe('toStoredJson', () => {
  it.each([
    [undefined, null],
    [{ a: 1, skip: undefined }, { a: 1 }],
    [new Date('2026-01-02T03:04:05Z'), '2026-01-02T03:04:05.000Z'],
    ['text', 'text'],
  ])('stores %j as %j', (value, stored) => {
    expect(toStoredJson(value)).toEqual(stored);
  });

  it('replaces values it cannot store', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(toStoredJson(cyclic)).toEqual({ unserialisable: true });
    expect(toStoredJson(() => 1)).toBeNull();
    expect(toStoredJson({ text: 'x'.repeat(MAX_STORED_JSON_BYTES) })).toMatchObject({ truncated: true });
  });
});

describe('toJobRunView', () => {
  const run: JobRunRecord = {
    id: '7f0c0a52-6f5b-4a39-9c43-1d2a4c0f9e11',
    tenantId: '1b7c8d7e-2a55-4f51-a0f5-1e7e4c8e2d10',
    kind: 'catalogue.import',
    status: 'failed',
    progressDone: 4,
    progressTotal: 10,
    input: { secret: 'not shown' },
    result: null,
    errorCode: 'jobs/interrupted',
    errorMessage: 'stored text',
    errorDetails: null,
    createdBy: null,
    createdAt: new Date('2026-04-01T00:00:00Z'),
    startedAt: new Date('2026-04-01T00:00:01Z'),
    finishedAt: null,
  };

  it('gives the message of a known code in the caller language and never the input', () => {
    const ja = toJobRunView(run, 'ja');
    expect(ja.errorMessage).toBe('ジョブの処理が中断されました。もう一度実行してください。');
    expect(toJobRunView(run, 'en').errorMessage).toBe('The job was interrupted. Please run it again.');
    expect(JSON.stringify(ja)).not.toContain('not shown');
    expect(ja).toMatchObject({ createdAt: '2026-04-01T00:00:00.000Z', startedAt: '2026-04-01T00:00:01.000Z' });
  });

  it('falls back to the stored message for a code this version does not know', () => {
    expect(toJobRunView({ ...run, errorCode: 'future/code' }, 'ja').errorMessage).toBe('stored text');
  });
});
