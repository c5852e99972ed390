import { AUDIT_EVENT_TYPES } from '@kakine/contracts';
import { describe, expect, it } from 'vitest';
import {
  describeFilters,
  formatJst,
  isUnfiltered,
  likeContaining,
  toAuditFilter,
  typesLabelled,
} from './audit-query.rules';

const TENANT = '6f1c2a4e-9d3b-4c1a-8e2f-0a1b2c3d4e5f';

describe('formatJst', () => {
  it.each([
    ['2025-06-09T05:03:21.000Z', '2025-06-09 14:03:21'],
    ['2025-06-09T15:00:00.000Z', '2025-06-10 00:00:00'],
    ['2024-12-31T14:59:59.999Z', '2024-12-31 23:59:59'],
    ['2024-02-28T20:00:00.000Z', '2024-02-29 05:00:00'],
  ])('%s is %s in Japan', (iso, expected) => {
    expect(formatJst(new Date(iso))).toBe(expected);
  });

  it('says so for a time that cannot be read', () => {
    expect(formatJst(new Date('infinity'))).toBe('invalid');
  });
});

describe('likeContaining', () => {
  it.each([
    ['admin', '%admin%'],
    ['100%', '%100\\%%'],
    ['a_b', '%a\\_b%'],
    ['c:\\temp', '%c:\\\\temp%'],
    ['佐藤', '%佐藤%'],
  ])('%s → %s', (term, pattern) => {
    expect(likeContaining(term)).toBe(pattern);
  });
});

describe('typesLabelled', () => {
  it('finds event types by their Japanese or English label, ignoring case', () => {
    expect(typesLabelled('サインイン')).toEqual(expect.arrayContaining(['auth.signed_in', 'auth.sign_in_failed']));
    expect(typesLabelled('SIGNED IN')).toEqual(['auth.signed_in']);
    expect(typesLabelled('監査証跡')).toEqual(expect.arrayContaining(['audit.verified', 'audit.exported']));
    expect(typesLabelled('no such label at all')).toEqual([]);
  });
});

describe('toAuditFilter', () => {
  const query = { order: 'desc' as const, format: 'json' as const };

  it('expands a group prefix to its known types and keeps an exact type', () => {
    const group = toAuditFilter(TENANT, { ...query, type: 'auth.' }).types;
    expect(group).toEqual(AUDIT_EVENT_TYPES.filter((t) => t.startsWith('auth.')));
    expect(group?.length).toBeGreaterThan(3);
    expect(toAuditFilter(TENANT, { ...query, type: 'user.disabled' }).types).toEqual(['user.disabled']);
    expect(toAuditFilter(TENANT, query).types).toBeNull();
  });

  it('reads dates as days in Japan Standard Time, with `to` including the whole day', () => {
    const f = toAuditFilter(TENANT, { ...query, from: '2025-06-09', to: '2025-06-09' });
    expect(f.from?.toISOString()).toBe('2025-06-08T15:00:00.000Z');
    expect(f.before?.toISOString()).toBe('2025-06-09T15:00:00.000Z');
  });

  it('reads date-times as instants, with `to` inclusive', () => {
    const f = toAuditFilter(TENANT, { ...query, from: '2025-06-09T14:00:00+09:00', to: '2025-06-09T05:30:00.250Z' });
    expect(f.from?.toISOString()).toBe('2025-06-09T05:00:00.000Z');
    expect(f.before?.toISOString()).toBe('2025-06-09T05:30:00.251Z');
  });

  it('turns the search term into a literal pattern plus the types whose label matches', () => {
    const f = toAuditFilter(TENANT, { ...query, q: 'ロールの変更' });
    expect(f.search).toEqual({ pattern: '%ロールの変更%', labelledTypes: ['user.roles_changed'] });
    expect(toAuditFilter(TENANT, query).search).toBeNull();
  });
});

describe('isUnfiltered', () => {
  const query = { order: 'asc' as const, format: 'json' as const };
  it.each([
    [{}, true],
    [{ type: 'auth.' }, false],
    [{ actorUserId: TENANT }, false],
    [{ subjectType: 'user' }, false],
    [{ subjectId: 'x' }, false],
    [{ from: '2025-06-09' }, false],
    [{ to: '2025-06-09' }, false],
    [{ q: 'x' }, false],
  ])('%o → %s', (extra, expected) => {
    expect(isUnfiltered(toAuditFilter(TENANT, { ...query, ...extra }))).toBe(expected);
  });
});

describe('describeFilters', () => {
  it('keeps the filters a caller gave and leaves out paging and format', () => {
    expect(
      describeFilters({
        page: 3,
        pageSize: 10,
        format: 'csv',
        order: 'asc',
        type: 'auth.',
        q: 'x',
        from: '2025-06-09',
      }),
    ).toEqual({ order: 'asc', type: 'auth.', q: 'x', from: '2025-06-09' });
  });
});
