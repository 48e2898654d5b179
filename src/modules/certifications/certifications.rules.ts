// Who may be booked for what. Pure functions over certification rows; `now` is an argument.
//
// Worked example: a therapist with a VERIFIED licence expiring 2026-12-31 and a PENDING prenatal certificate,
// offering swedish and prenatal, is bookable for swedish until the end of 2026-12-31 (UTC) and for prenatal
// not at all; from 2027-01-01 the licence reads EXPIRED everywhere and nothing is bookable.

export type StoredCertificationStatus = 'PENDING' | 'VERIFIED' | 'REJECTED' | 'EXPIRED';
export type EffectiveCertificationStatus = StoredCertificationStatus;

export interface CertificationFacts {
  kind: string;
  status: StoredCertificationStatus;
  /** A `date` column: valid through the whole of that (UTC) day. */
  expiresOn: Date;
}

export interface OfferedType {
  slug: string;
  requiredCertification: string | null;
}

const LICENCE = 'licence';
const DAY_MS = 24 * 60 * 60 * 1000;

/** A verified certificate past its expiry date counts as EXPIRED everywhere, computed, so no scheduled job is needed. */
export function effectiveCertificationStatus(
  certification: Pick<CertificationFacts, 'status' | 'expiresOn'>,
  now: Date,
): EffectiveCertificationStatus {
  if (certification.status === 'VERIFIED' && certification.expiresOn.getTime() + DAY_MS <= now.getTime()) {
    return 'EXPIRED';
  }
  return certification.status;
}

export function hasValidCertification(certifications: readonly CertificationFacts[], kind: string, now: Date): boolean {
  return certifications.some(
    (certification) => certification.kind === kind && effectiveCertificationStatus(certification, now) === 'VERIFIED',
  );
}

/** Kinds with at least one verified, unexpired certificate, sorted; what the public may see of a therapist. */
export function verifiedKinds(certifications: readonly CertificationFacts[], now: Date): string[] {
  return [
    ...new Set(
      certifications
        .filter((certification) => effectiveCertificationStatus(certification, now) === 'VERIFIED')
        .map((certification) => certification.kind),
    ),
  ].sort();
}

/**
 * Why a therapist cannot be booked for a type they offer, or null when they can: every bookable therapist needs a
 * verified, unexpired licence; a type with a required certification needs that one too (prenatal needs prenatal
 * training).
 */
export function whyNotBookable(
  certifications: readonly CertificationFacts[],
  type: OfferedType,
  now: Date,
): { missing: string } | null {
  if (!hasValidCertification(certifications, LICENCE, now)) return { missing: LICENCE };
  if (type.requiredCertification && !hasValidCertification(certifications, type.requiredCertification, now)) {
    return { missing: type.requiredCertification };
  }
  return null;
}

/** The slugs among the offered types a client can book right now, in the order given. */
export function bookableSlugs(
  certifications: readonly CertificationFacts[],
  offered: readonly OfferedType[],
  now: Date,
): string[] {
  return offered.filter((type) => whyNotBookable(certifications, type, now) === null).map((type) => type.slug);
}
