import { describe, expect, it } from 'vitest';
import { passwordProblem } from '../../src/modules/auth/password.rules.ts';
import { DEFAULT_PASSWORD } from '../helpers/factories.ts';

const owner = { email: 'casey.client@example.test', name: 'Casey Client' };

describe('passwordProblem', () => {
  it.each([
    ['short', 'must be at least 10 characters'],
    ['x'.repeat(201), 'must be at most 200 characters'],
    [' '.repeat(10), 'must not be only spaces'],
    ['\t\n        \t', 'must not be only spaces'],
    ['1234567890', 'is one of the most commonly used passwords'],
    ['password12', 'is one of the most commonly used passwords'],
    ['qwertyuiop', 'is one of the most commonly used passwords'],
    ['iloveyou12', 'is a commonly used password with small changes'],
    ['aaaaaaaaaaaa', 'is a repeated pattern (such as aaaa or abcabc)'],
    ['abcdefghijkl', 'is a sequence (such as abcd or 6543)'],
    ['casey.client@example.test', 'must not be your email address or name'],
    ['CASEY.CLIENT@example.test', 'must not be your email address or name'],
    ['casey.client', 'must not be your email address or name'],
    ['Casey Client', 'must not be your email address or name'],
    ['caseyclient', 'must not be your email address or name'],
    ['Casey.Client!', 'must not be your email address or name'],
    ['client123456', 'is built from your name, your email address or the name of this service'],
    ['kneadful2026', 'is built from your name, your email address or the name of this service'],
  ])('refuses %j: %s', (password, reason) => {
    expect(passwordProblem(password, owner)).toBe(reason);
  });

  it.each([
    DEFAULT_PASSWORD,
    'benchmark-password',
    'change-me-to-something-long',
    'Tr0ub4dor&3xx',
    'violet kettle marathon',
    '长城 上 的 月亮 很 亮',
  ])('accepts %j', (password) => {
    expect(passwordProblem(password, owner)).toBeNull();
  });

  it('takes the user’s own name and email as words to guess, not a fixed list', () => {
    const builtFromOwn = 'is built from your name, your email address or the name of this service';
    expect(passwordProblem('casey12345', owner)).toBe(builtFromOwn);
    expect(passwordProblem('casey12345', { email: 'maple.syrup@example.test', name: 'Maple Syrup' })).not.toBe(
      builtFromOwn,
    );
  });
});
