import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { problemsOf } from '../helpers/config-problems.ts';
import { configSchema, parseConfig } from '../../src/config.ts';

describe('configuration', () => {
  it('starts with defaults when nothing is set', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', NODE_ENV: 'development', SEED_DEMO_DATA: true });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('names the variable of every bad value', () => {
    const problems = problemsOf({ PORT: 'eighty', DATABASE_URL: 'mysql://db/x', LOG_LEVEL: 'loud' });
    expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT']);
  });

  it('requires a JWT secret of at least 32 characters in production', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([expect.stringMatching(/^JWT_SECRET: is required/)]);
    expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toEqual([
      'JWT_SECRET: must be at least 32 characters',
    ]);
  });

  it('does not seed demo data in production unless asked', () => {
    const secret = 'x'.repeat(40);
    expect(parseConfig({ NODE_ENV: 'production', JWT_SECRET: secret }).SEED_DEMO_DATA).toBe(false);
    expect(parseConfig({ NODE_ENV: 'production', JWT_SECRET: secret, SEED_DEMO_DATA: 'true' }).SEED_DEMO_DATA).toBe(true);
  });

  it('wants both admin variables or neither', () => {
    expect(problemsOf({ ADMIN_EMAIL: 'admin@example.test' })).toEqual([
      'ADMIN_EMAIL/ADMIN_PASSWORD: set both to create the first admin, or neither',
    ]);
  });

  it('treats an empty value as unset', () => {
    expect(parseConfig({ DATABASE_URL: '', PORT: '' }).PORT).toBe(3000);
  });

  it('documents every variable it reads in .env.example and in the README', () => {
    const envExample = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const variable of Object.keys(configSchema.shape)) {
      expect.soft(envExample, `${variable} in .env.example`).toMatch(new RegExp(`^#? ?${variable}=`, 'm'));
      expect.soft(readme, `${variable} in the README`).toContain(`\`${variable}\``);
    }
  });

  it('keeps prepared statements unless told not to (PgBouncer before 1.21 needs 0)', () => {
    expect(parseConfig({}).DATABASE_STATEMENT_CACHE_SIZE).toBe(100);
    expect(parseConfig({ DATABASE_STATEMENT_CACHE_SIZE: '0' }).DATABASE_STATEMENT_CACHE_SIZE).toBe(0);
    expect(problemsOf({ DATABASE_STATEMENT_CACHE_SIZE: '-1' })).toEqual([
      expect.stringMatching(/^DATABASE_STATEMENT_CACHE_SIZE:/),
    ]);
  });
});
