// The screening check a booking makes: the screening must be the client's own and unexpired, and the type must not
// come out blocked once pregnancy weeks are advanced to the appointment date. Used inside the booking transaction.
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import { RuleViolationError } from '../../lib/errors.ts';
import { screeningAnswersSchema } from './screening.answers.ts';
import { SCREENING_RULESET_VERSION } from './screening.ruleset.ts';
import {
  advancePregnancy,
  evaluateScreening,
  isScreeningExpired,
  outcomeFor,
  requiresAcknowledgement,
  requiresClearance,
  type ScreeningFlag,
} from './screening.rules.ts';

type Db = PrismaClient | Prisma.TransactionClient;

export interface BookingScreening {
  screeningId: string;
  decision: 'ok' | 'caution';
  flags: ScreeningFlag[];
  /** The therapist must confirm with `clearanceConfirmed: true`. */
  requiresClearance: boolean;
  /** Any caution flag (not an ok-level note): the therapist must confirm with `acknowledgeFlags: true`. */
  requiresAcknowledgement: boolean;
  rulesetVersion: string;
}

/** What the appointment keeps of the screening (never the answers). */
export interface ScreeningFlagsSnapshot {
  rulesetVersion: string;
  decision: 'ok' | 'caution';
  flags: ScreeningFlag[];
}

export function toFlagsSnapshot(screening: BookingScreening): ScreeningFlagsSnapshot {
  return { rulesetVersion: screening.rulesetVersion, decision: screening.decision, flags: screening.flags };
}

/**
 * Judges `massageTypeSlug` for a booking at `startsAt`. Throws 422s with stable codes:
 * `screening-not-usable` (unknown, or another client's: the same answer, so ids cannot be probed),
 * `screening-expired`, and `screening-blocks-treatment` (with the flags and the alternatives to offer).
 */
export async function assessScreeningForBooking(
  db: Db,
  input: { screeningId: string; clientId: string; massageTypeSlug: string; startsAt: Date; now: Date },
): Promise<BookingScreening> {
  const screening = await db.screening.findUnique({ where: { id: input.screeningId } });
  if (!screening || screening.clientId !== input.clientId) {
    throw new RuleViolationError('screening-not-usable', 'The screening was not found among your screenings');
  }
  if (isScreeningExpired(screening.expiresAt, input.now)) {
    throw new RuleViolationError(
      'screening-expired',
      'This health screening has expired; please answer the questionnaire again before booking',
      { expiredAt: screening.expiresAt.toISOString() },
    );
  }
  const answers = advancePregnancy(screeningAnswersSchema.parse(screening.answers), screening.createdAt, input.startsAt);
  const catalogue = await db.massageType.findMany({ orderBy: [{ position: 'asc' }, { slug: 'asc' }], select: { slug: true } });
  const outcome = outcomeFor(
    evaluateScreening(
      answers,
      catalogue.map((type) => type.slug),
    ),
    input.massageTypeSlug,
  );
  if (!outcome) throw new Error(`massage type ${input.massageTypeSlug} is not in the catalogue`);
  if (outcome.decision === 'blocked') {
    throw new RuleViolationError(
      'screening-blocks-treatment',
      `Your health screening rules out ${input.massageTypeSlug} for this appointment`,
      { massageType: input.massageTypeSlug, flags: outcome.flags, alternatives: outcome.alternatives },
    );
  }
  return {
    screeningId: screening.id,
    decision: outcome.decision,
    flags: outcome.flags,
    requiresClearance: requiresClearance(outcome.flags),
    requiresAcknowledgement: requiresAcknowledgement(outcome.flags),
    rulesetVersion: SCREENING_RULESET_VERSION,
  };
}
