import { describe, expect, it } from 'vitest';
import { AUDIT_EVENT_LABELS, AuditEventQuery, auditEventLabel, auditPeriod, auditTypesMatching } from './audit';
import { AUDIT_EVENT_TYPES } from './audit-events';

describe('audit event labels', () => {
  it('has a Japanese and an English label for every event type', () => {
    for (const type of AUDIT_EVENT_TYPES) {
      const label = AUDIT_EVENT_LABELS[type];
      expect(label.ja, type).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(label.en, type).toMatch(/^[A-Z][\x20-\x7e]+$/);
    }
    expect(Object.keys(AUDIT_EVENT_LABELS).sort()).toEqual([...AUDIT_EVENT_TYPES].sort());
  });

  it('shows an unknown type as itself', () => {
    expect(auditEventLabel('auth.signed_in', 'ja')).toBe('サインイン');
    expect(auditEventLabel('legacy.thing_done', 'en')).toBe('legacy.thing_done');
  });
});

describe('AuditEventQuery', () => {
  const issues = (query: Record<string, string>) => {
    const r = AuditEventQuery.safeParse(query);
    return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
  };

  it.each([
    [{}, []],
    [{ type: 'auth.signed_in' }, []],
    [{ type: 'auth.' }, []],
    [{ type: 'auth' }, ['type']],
    [{ type: 'nothing.' }, ['type']],
    [{ from: '2025-06-09', to: '2025-06-09' }, []],
    [{ from: '2025-06-09T14:03:21+09:00', to: '2025-06-09T14:03:21.5Z' }, []],
    [{ from: '2025-06-31' }, ['from']],
    [{ from: 'yesterday' }, ['from']],
    [{ to: '2025-06-09T14:03:21' }, ['to']],
    [{ from: '2025-06-10', to: '2025-06-09' }, ['to']],
    [{ actorUserId: 'not-a-uuid' }, ['actorUserId']],
    [{ q: '' }, ['q']],
    [{ q: 'x'.repeat(201) }, ['q']],
    [{ pageSize: '501' }, ['pageSize']],
    [{ order: 'sideways' }, ['order']],
    [{ format: 'pdf' }, ['format']],
  ])('%o → invalid fields %o', (query, expected) => {
    expect(issues(query)).toEqual(expected);
  });

  it('matches a group prefix to its types', () => {
    expect(auditTypesMatching('audit.')).toEqual(['audit.verified', 'audit.exported']);
    expect(auditTypesMatching('audit.verified')).toEqual(['audit.verified']);
  });

  it('reads a day in Japan Standard Time', () => {
    const p = auditPeriod('2025-01-01', '2025-01-31');
    expect(p.from?.toISOString()).toBe('2024-12-31T15:00:00.000Z');
    expect(p.before?.toISOString()).toBe('2025-01-31T15:00:00.000Z');
    expect(auditPeriod()).toEqual({ from: null, before: null });
  });
});
