// Who may be booked for what. Pure functions over certification rows; `now` is an argument.
//
// Worked example: a therapist with a VERIFIED licence expiring 2026-12-31 and a PENDING prenatal certificate,
// offering swedish and prenatal, is bookable for swedish until the end of 2026-12-31 (UTC) and for prenatal
// not at all; from 2027-01-01 the licence reads EXPIRED everywhere and nothing is bookable.
import { MS_PER_DAY } from '../../lib/durations.ts';

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

/** A verified certificate past its expiry date counts as EXPIRED everywhere, computed, so no scheduled job is needed. */
export function effectiveCertificationStatus(
  certification: Pick<CertificationFacts, 'status' | 'expiresOn'>,
  now: Date,
): EffectiveCertificationStatus {
  if (certification.status === 'VERIFIED' && certification.expiresOn.getTime() + MS_PER_DAY <= now.getTime()) {
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

/**
 * The instant from which the therapist stops being bookable for the type as their certificates stand: the end of
 * the expiry day of the licence (and of the type's required certification) that runs out first, each kind taking
 * its latest-expiring verified certificate, so a renewal on file carries on where the old one ends. A session must
 * end by then: a licence verified today but expiring in ten days does not cover a session in three weeks. Null
 * when a needed kind has no verified certificate at all (`whyNotBookable` says which).
 *
 * Worked example: licences verified to 2026-12-31 and to 2027-12-31, prenatal training to 2027-03-31: bookable
 * for prenatal until 2027-04-01T00:00Z, for swedish until 2028-01-01T00:00Z.
 */
export function bookableUntil(certifications: readonly CertificationFacts[], type: OfferedType): number | null {
  const kinds = type.requiredCertification ? [LICENCE, type.requiredCertification] : [LICENCE];
  let until = Number.POSITIVE_INFINITY;
  for (const kind of kinds) {
    let latest = Number.NEGATIVE_INFINITY;
    for (const certification of certifications) {
      if (certification.kind === kind && certification.status === 'VERIFIED') {
        latest = Math.max(latest, certification.expiresOn.getTime() + MS_PER_DAY);
      }
    }
    if (latest === Number.NEGATIVE_INFINITY) return null;
    until = Math.min(until, latest);
  }
  return until;
}

/** The slugs among the offered types a client can book right now, in the order given. */
export function bookableSlugs(
  certifications: readonly CertificationFacts[],
  offered: readonly OfferedType[],
  now: Date,
): string[] {
  return offered.filter((type) => whyNotBookable(certifications, type, now) === null).map((type) => type.slug);
}

/**
 * The earliest expiry date (`YYYY-MM-DD`) a verified certificate can carry and still count at `now`: the SQL twin
 * of effectiveCertificationStatus, for filtering in the database (`"expiresOn" >= :date`). A certificate is valid
 * through the whole of its expiry day (UTC), so at 2026-11-21T23:59Z one expiring 2026-11-21 still counts.
 */
export function earliestValidExpiry(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export interface NotBookableReason {
  massageType: string;
  missingCertification: string;
}

/** Each offered type a client cannot book, with the certification still missing (licence first), in the order given. */
export function notBookableReasons(
  certifications: readonly CertificationFacts[],
  offered: readonly OfferedType[],
  now: Date,
): NotBookableReason[] {
  return offered.flatMap((type) => {
    const reason = whyNotBookable(certifications, type, now);
    return reason ? [{ massageType: type.slug, missingCertification: reason.missing }] : [];
  });
}

export type SubmissionRefusal =
  | { code: 'certification-expired'; detail: string }
  | { code: 'certification-not-yet-issued'; detail: string };

/**
 * A submitted certificate must be current: one that already expired could never be verified into anything
 * bookable. The issue date may lie at most one day ahead of the UTC date, because it is the issuer's local date
 * and the earliest zones (UTC+14) are already a day ahead.
 */
export function submissionRefusal(
  certificate: { issuedOn: Date; expiresOn: Date },
  now: Date,
): SubmissionRefusal | null {
  if (certificate.expiresOn.getTime() + MS_PER_DAY <= now.getTime()) {
    return { code: 'certification-expired', detail: 'The certificate has already expired; submit a current one' };
  }
  const latestIssue = Date.parse(`${earliestValidExpiry(now)}T00:00:00Z`) + MS_PER_DAY;
  if (certificate.issuedOn.getTime() > latestIssue) {
    return { code: 'certification-not-yet-issued', detail: 'The issue date lies in the future' };
  }
  return null;
}

export type DecisionRefusal =
  | { code: 'certification-not-pending'; currentStatus: EffectiveCertificationStatus }
  | { code: 'certification-expired' };

/**
 * Only a PENDING certificate can be verified or rejected; a decision is never overturned by another decision
 * (the therapist submits a new certificate instead). Verifying one whose expiry date has passed would record a
 * credential that is already void, so it is refused: reject it instead.
 */
export function decisionRefusal(
  certification: Pick<CertificationFacts, 'status' | 'expiresOn'>,
  decision: 'verify' | 'reject',
  now: Date,
): DecisionRefusal | null {
  const current = effectiveCertificationStatus(certification, now);
  if (current !== 'PENDING') return { code: 'certification-not-pending', currentStatus: current };
  if (decision === 'verify' && certification.expiresOn.getTime() + MS_PER_DAY <= now.getTime()) {
    return { code: 'certification-expired' };
  }
  return null;
}
