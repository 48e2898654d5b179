import { describe, expect, it } from 'vitest';
import {
  bookableSlugs,
  effectiveCertificationStatus,
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
