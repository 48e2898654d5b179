import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isScreeningExpired, screeningExpiresAt } from '../../src/modules/screening/screening.rules.ts';

describe('screeningExpiresAt', () => {
  it('expires thirty days of elapsed time after the screen was completed', () => {
    expect(screeningExpiresAt(new Date('2026-11-02T14:30:00.000Z')).toISOString()).toBe('2026-12-02T14:30:00.000Z');
  });

  it('counts elapsed hours across a DST change, so the local expiry moves by an hour', () => {
    // 10:00 in Berlin (CET) on 20 March; clocks go forward on 29 March, so 30 × 24 h later it is 11:00 CEST.
    const expiresAt = screeningExpiresAt(new Date('2026-03-20T09:00:00.000Z'));
    expect(expiresAt.toISOString()).toBe('2026-04-19T09:00:00.000Z');
    expect(DateTime.fromJSDate(expiresAt, { zone: 'Europe/Berlin' }).toISO()).toBe('2026-04-19T11:00:00.000+02:00');
  });
});

describe('isScreeningExpired', () => {
  const expiresAt = new Date('2026-12-02T14:30:00.000Z');

  it('is still usable one millisecond before it expires', () => {
    expect(isScreeningExpired(expiresAt, new Date('2026-12-02T14:29:59.999Z'))).toBe(false);
  });

  it('is expired at the expiry instant itself', () => {
    expect(isScreeningExpired(expiresAt, new Date('2026-12-02T14:30:00.000Z'))).toBe(true);
  });

  it('stays expired afterwards', () => {
    expect(isScreeningExpired(expiresAt, new Date('2027-01-01T00:00:00.000Z'))).toBe(true);
  });
});
