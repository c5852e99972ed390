import { describe, expect, it } from 'vitest';
import { countActiveFilters, parseRegisterSearch, toListQuery, withFilters } from './list-search';

describe('register URL search parameters', () => {
  it('reads a shared link with filters, sort and page', () => {
    expect(
      parseRegisterSearch({
        q: ' コンデンサ ',
        core: true,
        designated: 'false',
        classification: 'top_secret',
        owner: '0B1C2D3E-0000-4000-8000-000000000001',
        department: '開発部',
        reviewOverdue: 'true',
        status: 'archived',
        sort: 'nextReviewOn',
        order: 'desc',
        page: 3,
      }),
    ).toEqual({
      q: 'コンデンサ',
      core: true,
      designated: false,
      classification: 'top_secret',
      owner: '0b1c2d3e-0000-4000-8000-000000000001',
      department: '開発部',
      reviewOverdue: true,
      status: 'archived',
      sort: 'nextReviewOn',
      order: 'desc',
      page: 3,
    });
  });

  it('drops malformed and default values instead of failing, so an old link still opens the list', () => {
    expect(
      parseRegisterSearch({
        q: '   ',
        core: 'maybe',
        owner: 'not-a-uuid',
        status: 'active',
        sort: 'code',
        order: 'asc',
        page: 1,
        tradeSecretGap: 42,
        unknown: 'x',
      }),
    ).toEqual({});
    expect(parseRegisterSearch({ sort: 'password', order: 'sideways', page: -2, status: 'deleted' })).toEqual({});
    expect(parseRegisterSearch({ page: 2.5 })).toEqual({});
    expect(parseRegisterSearch({ page: '4' })).toEqual({ page: 4 });
  });

  it('caps overlong text so that a URL cannot ask the server for more than it accepts', () => {
    const parsed = parseRegisterSearch({ q: 'あ'.repeat(500), department: 'x'.repeat(300) });
    expect(parsed.q).toHaveLength(200);
    expect(parsed.department).toHaveLength(200);
  });

  it('sends flags as true/false and fills in the defaults the list endpoint expects', () => {
    expect(toListQuery({ q: 'MLCC', tradeSecretGap: true, core: false })).toEqual({
      q: 'MLCC',
      classification: undefined,
      ownerUserId: undefined,
      department: undefined,
      status: 'active',
      sort: 'code',
      order: 'asc',
      page: 1,
      core: 'false',
      tradeSecretGap: 'true',
    });
  });

  it('starts again at page 1 whenever a filter changes, and removes cleared filters', () => {
    const current = { q: '粉末', core: true, page: 4 } as const;
    expect(withFilters(current, { classification: 'secret' })).toEqual({
      q: '粉末',
      core: true,
      classification: 'secret',
    });
    expect(withFilters(current, { core: undefined })).toEqual({ q: '粉末' });
    expect(withFilters(current, { status: 'active' })).toEqual({ q: '粉末', core: true });
    expect(withFilters(current, { page: 5 })).toEqual({ q: '粉末', core: true, page: 5 });
  });

  it('counts the filters that narrow the list, but not search, sort or page', () => {
    expect(countActiveFilters({})).toBe(0);
    expect(countActiveFilters({ q: 'x', sort: 'nameJa', page: 2 })).toBe(0);
    expect(countActiveFilters({ core: false, reviewOverdue: true, owner: 'u', status: 'all' })).toBe(4);
  });
});
