import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bookableSlugs,
  bookableUntil,
  decisionRefusal,
  earliestValidExpiry,
  effectiveCertificationStatus,
  notBookableReasons,
  submissionRefusal,
  verifiedKinds,
  whyNotBookable,
  type CertificationFacts,
} from '../../src/modules/certifications/certifications.rules.ts';

const now = new Date('2026-11-21T12:00:00Z');
const cert = (kind: string, status: CertificationFacts['status'], expiresOn = '2027-06-30'): CertificationFacts => ({
  kind,
  status,
  expiresOn: new Date(`${expiresOn}T00:00:00Z`),
});
const swedish = { slug: 'swedish', requiredCertification: null };
const prenatal = { slug: 'prenatal', requiredCertification: 'prenatal' };

describe('effectiveCertificationStatus', () => {
  it('keeps a verified certificate valid through the whole of its expiry day', () => {
    expect(effectiveCertificationStatus(cert('licence', 'VERIFIED', '2026-11-21'), now)).toBe('VERIFIED');
    expect(effectiveCertificationStatus(cert('licence', 'VERIFIED', '2026-11-21'), new Date('2026-11-21T23:59:59Z'))).toBe(
      'VERIFIED',
    );
  });

  it('reads a verified certificate as EXPIRED from the day after its expiry date', () => {
    expect(effectiveCertificationStatus(cert('licence', 'VERIFIED', '2026-11-20'), now)).toBe('EXPIRED');
  });

  it('leaves pending and rejected certificates as they are, expired or not', () => {
    expect(effectiveCertificationStatus(cert('licence', 'PENDING', '2020-01-01'), now)).toBe('PENDING');
    expect(effectiveCertificationStatus(cert('licence', 'REJECTED', '2020-01-01'), now)).toBe('REJECTED');
  });
});

describe('bookability', () => {
  it('needs a verified licence for any type', () => {
    expect(whyNotBookable([cert('licence', 'PENDING')], swedish, now)).toEqual({ missing: 'licence' });
    expect(whyNotBookable([cert('licence', 'VERIFIED')], swedish, now)).toBeNull();
  });

  it('needs the type’s required certification verified and unexpired too', () => {
    expect(whyNotBookable([cert('licence', 'VERIFIED'), cert('prenatal', 'PENDING')], prenatal, now)).toEqual({
      missing: 'prenatal',
    });
    expect(
      whyNotBookable([cert('licence', 'VERIFIED'), cert('prenatal', 'VERIFIED', '2026-01-01')], prenatal, now),
    ).toEqual({ missing: 'prenatal' });
    expect(whyNotBookable([cert('licence', 'VERIFIED'), cert('prenatal', 'VERIFIED')], prenatal, now)).toBeNull();
  });

  it('makes nothing bookable once the licence has expired', () => {
    const certs = [cert('licence', 'VERIFIED', '2026-11-01'), cert('prenatal', 'VERIFIED')];
    expect(bookableSlugs(certs, [swedish, prenatal], now)).toEqual([]);
  });

  it('counts a renewed licence even when an older one has expired', () => {
    const certs = [cert('licence', 'VERIFIED', '2025-01-01'), cert('licence', 'VERIFIED', '2028-01-01')];
    expect(bookableSlugs(certs, [swedish, prenatal], now)).toEqual(['swedish']);
  });

  it('lists only verified, unexpired kinds publicly, once each', () => {
    const certs = [
      cert('licence', 'VERIFIED'),
      cert('licence', 'VERIFIED', '2029-01-01'),
      cert('prenatal', 'REJECTED'),
      cert('sports', 'VERIFIED', '2026-01-01'),
      cert('aromatherapy', 'PENDING'),
    ];
    expect(verifiedKinds(certs, now)).toEqual(['licence']);
  });
});

describe('bookableUntil', () => {
  const endOf = (date: string) => Date.parse(`${date}T00:00:00Z`) + 24 * 60 * 60 * 1000;

  it('ends with the licence’s expiry day', () => {
    expect(bookableUntil([cert('licence', 'VERIFIED', '2026-12-31')], swedish)).toBe(endOf('2026-12-31'));
  });

  it('takes the latest verified licence, so a renewal carries on where the old one ends', () => {
    const certs = [cert('licence', 'VERIFIED', '2026-12-31'), cert('licence', 'VERIFIED', '2027-12-31')];
    expect(bookableUntil(certs, swedish)).toBe(endOf('2027-12-31'));
  });

  it('ignores certificates that are not verified', () => {
    const certs = [cert('licence', 'VERIFIED', '2026-12-31'), cert('licence', 'PENDING', '2030-01-01')];
    expect(bookableUntil(certs, swedish)).toBe(endOf('2026-12-31'));
  });

  it('ends with whichever of the licence and the type’s certification runs out first', () => {
    const certs = [cert('licence', 'VERIFIED', '2027-12-31'), cert('prenatal', 'VERIFIED', '2027-03-31')];
    expect(bookableUntil(certs, prenatal)).toBe(endOf('2027-03-31'));
    expect(bookableUntil(certs, swedish)).toBe(endOf('2027-12-31'));
  });

  it('is null when a needed kind has no verified certificate', () => {
    expect(bookableUntil([cert('licence', 'VERIFIED')], prenatal)).toBeNull();
    expect(bookableUntil([cert('licence', 'REJECTED')], swedish)).toBeNull();
  });
});

describe('earliestValidExpiry', () => {
  it('is the UTC date of now, so a certificate expiring today still counts', () => {
    expect(earliestValidExpiry(new Date('2026-11-21T00:00:00Z'))).toBe('2026-11-21');
    expect(earliestValidExpiry(new Date('2026-11-21T23:59:59.999Z'))).toBe('2026-11-21');
    // 01:30 in Auckland on the 22nd is still the 21st in UTC.
    expect(earliestValidExpiry(new Date('2026-11-22T01:30:00+13:00'))).toBe('2026-11-21');
  });

  it('agrees with effectiveCertificationStatus for every instant and expiry date (the SQL filter is its twin)', () => {
    const dayMs = 24 * 60 * 60 * 1000;
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }),
        fc.integer({ min: -3, max: 3 }),
        (nowMs, dayOffset) => {
          const now = new Date(nowMs);
          const expiresOn = new Date(Math.floor(nowMs / dayMs) * dayMs + dayOffset * dayMs);
          const countsInSql = expiresOn.toISOString().slice(0, 10) >= earliestValidExpiry(now);
          const countsInRules = effectiveCertificationStatus({ status: 'VERIFIED', expiresOn }, now) === 'VERIFIED';
          expect(countsInSql).toBe(countsInRules);
        },
      ),
    );
  });
});

describe('notBookableReasons', () => {
  const deepTissue = { slug: 'deep-tissue', requiredCertification: 'deep-tissue' };

  it('names the licence for every offered type while the licence is missing', () => {
    expect(notBookableReasons([cert('prenatal', 'VERIFIED')], [swedish, prenatal], now)).toEqual([
      { massageType: 'swedish', missingCertification: 'licence' },
      { massageType: 'prenatal', missingCertification: 'licence' },
    ]);
  });

  it('names the type’s own certification once the licence is verified, and omits bookable types', () => {
    const certs = [cert('licence', 'VERIFIED'), cert('deep-tissue', 'VERIFIED'), cert('prenatal', 'PENDING')];
    expect(notBookableReasons(certs, [swedish, prenatal, deepTissue], now)).toEqual([
      { massageType: 'prenatal', missingCertification: 'prenatal' },
    ]);
  });

  it('is empty when nothing is offered', () => {
    expect(notBookableReasons([], [], now)).toEqual([]);
  });
});

describe('submissionRefusal', () => {
  const dates = (issuedOn: string, expiresOn: string) => ({
    issuedOn: new Date(`${issuedOn}T00:00:00Z`),
    expiresOn: new Date(`${expiresOn}T00:00:00Z`),
  });

  it('accepts a current certificate, including one expiring today', () => {
    expect(submissionRefusal(dates('2024-01-01', '2028-01-01'), now)).toBeNull();
    expect(submissionRefusal(dates('2024-01-01', '2026-11-21'), now)).toBeNull();
  });

  it('refuses one that expired yesterday', () => {
    expect(submissionRefusal(dates('2024-01-01', '2026-11-20'), now)?.code).toBe('certification-expired');
  });

  it('allows an issue date one day ahead of UTC (the issuer may be in UTC+14) but not two', () => {
    expect(submissionRefusal(dates('2026-11-22', '2028-01-01'), now)).toBeNull();
    expect(submissionRefusal(dates('2026-11-23', '2028-01-01'), now)?.code).toBe('certification-not-yet-issued');
  });
});

describe('decisionRefusal', () => {
  it('lets an admin verify or reject a pending, unexpired certificate', () => {
    expect(decisionRefusal(cert('licence', 'PENDING'), 'verify', now)).toBeNull();
    expect(decisionRefusal(cert('licence', 'PENDING'), 'reject', now)).toBeNull();
  });

  it('refuses a second decision, naming the current status', () => {
    expect(decisionRefusal(cert('licence', 'VERIFIED'), 'reject', now)).toEqual({
      code: 'certification-not-pending',
      currentStatus: 'VERIFIED',
    });
    expect(decisionRefusal(cert('licence', 'REJECTED'), 'verify', now)).toEqual({
      code: 'certification-not-pending',
      currentStatus: 'REJECTED',
    });
    expect(decisionRefusal(cert('licence', 'VERIFIED', '2026-01-01'), 'verify', now)).toEqual({
      code: 'certification-not-pending',
      currentStatus: 'EXPIRED',
    });
  });

  it('refuses to verify a pending certificate whose expiry date has passed, but lets it be rejected', () => {
    expect(decisionRefusal(cert('licence', 'PENDING', '2026-11-20'), 'verify', now)).toEqual({
      code: 'certification-expired',
    });
    expect(decisionRefusal(cert('licence', 'PENDING', '2026-11-20'), 'reject', now)).toBeNull();
  });
});
