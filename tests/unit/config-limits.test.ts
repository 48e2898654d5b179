import { describe, expect, it } from 'vitest';
import { problemsOf } from '../helpers/config-problems.ts';
import { parseConfig } from '../../src/config.ts';
import { trustProxyOption } from '../../src/plugins/rate-limit.ts';

describe('TRUST_PROXY', () => {
  it.each([
    ['false', false],
    ['0', false],
    ['true', true],
    ['1', 1],
    ['2', 2],
    ['10.0.0.0/8', ['10.0.0.0/8']],
    ['10.0.0.0/8, 192.168.1.7,loopback', ['10.0.0.0/8', '192.168.1.7', 'loopback']],
    ['2001:db8::/32,::1', ['2001:db8::/32', '::1']],
  ])('reads %j as %j', (value, expected) => {
    expect(parseConfig({ TRUST_PROXY: value }).TRUST_PROXY).toEqual(expected);
  });

  it('defaults to trusting no proxy', () => {
    expect(parseConfig({}).TRUST_PROXY).toBe(false);
  });

  it.each(['yes', '10.0.0.0/33', '300.1.1.1', 'loopback/8', '10.0.0.1/8/8'])('refuses %j, naming the variable', (value) => {
    expect(problemsOf({ TRUST_PROXY: value })).toEqual([expect.stringMatching(/^TRUST_PROXY: must be true, false/)]);
  });

  it('turns a hop count into a trust function over the hop index, which Fastify 5.12 no longer takes as a number', () => {
    const trust = trustProxyOption(2) as (address: string, hop: number) => boolean;
    expect([0, 1, 2].map((hop) => trust('192.0.2.1', hop))).toEqual([true, true, false]);
    expect(trustProxyOption(['10.0.0.0/8'])).toEqual(['10.0.0.0/8']);
    expect(trustProxyOption(false)).toBe(false);
  });
});

describe('rate limit settings', () => {
  it('reads <max>/<window> in seconds, minutes, hours and days', () => {
    const config = parseConfig({
      RATE_LIMIT_REGISTER: '10/1h',
      RATE_LIMIT_FORGOT_PASSWORD: '3/30s',
      RATE_LIMIT_SCREENING_PREVIEW: '60/5m',
      RATE_LIMIT_SLOT_SEARCH: '1000/1d',
    });
    expect(config.RATE_LIMIT_REGISTER).toEqual({ max: 10, windowMs: 3_600_000 });
    expect(config.RATE_LIMIT_FORGOT_PASSWORD).toEqual({ max: 3, windowMs: 30_000 });
    expect(config.RATE_LIMIT_SCREENING_PREVIEW).toEqual({ max: 60, windowMs: 300_000 });
    expect(config.RATE_LIMIT_SLOT_SEARCH).toEqual({ max: 1000, windowMs: 86_400_000 });
    expect(config.RATE_LIMIT_THERAPIST_SLOTS).toEqual({ max: 120, windowMs: 60_000 });
  });

  it.each(['10', '10/h', 'ten/1h', '0/1h', '5/0s'])('refuses %j, naming the variable', (value) => {
    expect(problemsOf({ RATE_LIMIT_REGISTER: value })).toEqual([expect.stringMatching(/^RATE_LIMIT_REGISTER: /)]);
  });
});
