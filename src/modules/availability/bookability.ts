// Whether a therapist can be booked for a type, and the slot rules that follow: shared by the listing, the search
// and the booking, so all three refuse the same starts for the same reasons.
import { NotFoundError, RuleViolationError, ValidationError } from '../../lib/errors.ts';
import { bookableUntil, whyNotBookable } from '../certifications/certifications.rules.ts';
import type { BookableType, TherapistCalendar, VerifiedCertification } from './availability.repository.ts';
import type { SlotRules } from './slot-engine.rules.ts';

export function therapistNotFound(): NotFoundError {
  return new NotFoundError('The therapist', 'therapist-not-found');
}

/** The 400 for a slug that names no massage type, on the field that named it. */
export function unknownMassageType(slug: string, path: string): ValidationError {
  return new ValidationError(
    `There is no massage type '${slug}'`,
    [{ path, message: 'is not a massage type in the catalogue' }],
    'unknown-massage-type',
  );
}

/** The requested duration, or the type's shortest when none was asked for; one the type does not offer is a 400. */
export function resolveDuration(type: BookableType, requested: number | undefined, path: string): number {
  if (requested === undefined) return Math.min(...type.durations);
  if (type.durations.includes(requested)) return requested;
  throw new ValidationError(
    `${type.slug} is offered for ${type.durations.join(', ')} minutes`,
    [{ path, message: `must be one of ${type.durations.join(', ')} for ${type.slug}` }],
    'duration-not-offered',
  );
}

/**
 * 422 unless the therapist offers the type and holds what `whyNotBookable` asks for (a verified, unexpired licence
 * and the type's required certification), over facts already loaded (`loadSlotListing` loads them with the
 * calendar): not offered is `massage-type-not-offered`, then a missing certificate `therapist-not-bookable`.
 */
export function refuseUnlessBookable(
  facts: { offered: boolean; certifications: readonly VerifiedCertification[] },
  type: BookableType,
  now: Date,
): void {
  if (!facts.offered) {
    throw new RuleViolationError('massage-type-not-offered', `This therapist does not offer ${type.slug}`, {
      massageType: type.slug,
    });
  }
  const refusal = whyNotBookable(facts.certifications, type, now);
  if (refusal) {
    throw new RuleViolationError(
      'therapist-not-bookable',
      `This therapist cannot be booked for ${type.slug} until a verified ${refusal.missing} certification is on file`,
      { massageType: type.slug, missing: refusal.missing },
    );
  }
}

/**
 * The slot rules for sessions of `durationMinutes` with a therapist already found bookable for `type`: their
 * calendar, and the end of their certificates' validity for the type. The listing, the search and the booking
 * judge starts by these same rules.
 */
export function slotRulesFor(
  calendar: TherapistCalendar,
  certifications: readonly VerifiedCertification[],
  type: BookableType,
  durationMinutes: number,
  now: Date,
): SlotRules {
  const certifiedUntil = bookableUntil(certifications, type);
  return {
    weekly: calendar.weekly,
    therapistTimeZone: calendar.timeZone,
    policy: calendar.policy,
    timeOff: calendar.timeOff,
    busy: calendar.busy,
    durationMinutes,
    now,
    ...(certifiedUntil === null ? {} : { certifiedUntil }),
  };
}
