import { describe, expect, it } from 'vitest';
import { createStatementNamer } from '../../src/db/statement-names.ts';

describe('prepared statement names', () => {
  it('gives one SQL text one name, and different texts different names', () => {
    const name = createStatementNamer(10);
    const first = name({ sql: 'SELECT $1::int' });
    expect(first).toMatch(/^kneadful_[0-9a-f]{24}$/);
    expect(name({ sql: 'SELECT $1::int' })).toBe(first);
    expect(name({ sql: 'SELECT $1::text' })).not.toBe(first);
  });

  it('names the same text alike in every namer, so each pooled connection prepares it under one name', () => {
    expect(createStatementNamer(5)({ sql: 'SELECT 1' })).toBe(createStatementNamer(5)({ sql: 'SELECT 1' }));
  });

  it('stops naming new texts at its capacity but keeps the names it gave', () => {
    const name = createStatementNamer(2);
    const a = name({ sql: 'SELECT 1' });
    const b = name({ sql: 'SELECT 2' });
    expect(name({ sql: 'SELECT 3' })).toBe('');
    expect([name({ sql: 'SELECT 1' }), name({ sql: 'SELECT 2' })]).toEqual([a, b]);
    expect(a).not.toBe('');
  });

  it('names nothing at capacity 0 (the empty name is the unnamed statement)', () => {
    expect(createStatementNamer(0)({ sql: 'SELECT 1' })).toBe('');
  });
});
