import type { DependenciesOf } from '../../deps.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { MS_PER_MINUTE } from '../../lib/durations.ts';
import { retryConcurrencyFailures } from '../../lib/db-errors.ts';
import { RuleViolationError } from '../../lib/errors.ts';
import type { Principal } from '../../plugins/auth.ts';
import { checkSlotBookable, type SchedulePolicy } from '../availability/slot-engine.rules.ts';
import { loadSlotListing } from '../availability/availability.repository.ts';
import { lockClientBookings, lockTherapistCalendar } from '../../db/row-locks.ts';
import {
  refuseUnlessBookable,
  resolveDuration,
  slotRulesFor,
  therapistNotFound,
  unknownMassageType,
} from '../availability/bookability.ts';
import type { BookableType } from '../availability/availability.repository.ts';
import { assessScreeningForBooking, toFlagsSnapshot } from '../screening/screening-for-booking.ts';
import { bookingRaceError, slotTakenError } from './appointment-errors.ts';
import { recordChange } from '../events/record-change.ts';
import { appointmentEvent } from './appointment-events.ts';
import { CALENDAR_TRANSACTION, transitionAppointment } from './appointment-transition.ts';
import {
  appointmentSelect,
  findByIdempotencyKey,
  toAppointmentView,
  type AppointmentRow,
} from './appointments.repository.ts';
import { bookingFingerprint, priceFor } from './appointments.rules.ts';
import { mayReschedule } from './cancellation.rules.ts';
import type { AppointmentView, CreateAppointmentInput, RescheduleInput } from './appointments.schemas.ts';


export interface BookingResult {
  appointment: AppointmentView;
  /** False when an Idempotency-Key replay returned the booking made by an earlier request. */
  created: boolean;
}

/**
 * Judges a booking of `startsAt` with the therapist for the type, from one statement read while the therapist's
 * calendar is locked, in the order a client can act on: an unknown type (400), a therapist not bookable for it
 * (422), a duration the type does not offer (400, unless the duration is fixed, as a reschedule's is), then the
 * slot: `taken` is a 409 (someone was faster), the other reasons a 422 naming the rule (`too-soon`,
 * `beyond-horizon`, `certification-expires`, `outside-hours`, `off-step`, `time-off`). Returns what the booking
 * needs to be written, with the therapist's current buffer.
 */
async function judgeBooking(
  tx: Prisma.TransactionClient,
  request: {
    therapistId: string;
    massageTypeSlug: string;
    startsAt: Date;
    now: Date;
    duration: { requested: number } | { fixed: number };
    excludeAppointmentId?: string;
  },
): Promise<{ type: BookableType; durationMinutes: number; policy: SchedulePolicy }> {
  const start = request.startsAt.getTime();
  const listing = await loadSlotListing(tx, {
    therapistId: request.therapistId,
    massageTypeSlug: request.massageTypeSlug,
    requestedDuration: 'fixed' in request.duration ? request.duration.fixed : request.duration.requested,
    startsWithin: { start, end: start + 1 },
    ...(request.excludeAppointmentId ? { excludeAppointmentId: request.excludeAppointmentId } : {}),
  });
  const { type, calendar } = listing;
  if (!calendar) throw therapistNotFound();
  if (!type) throw unknownMassageType(request.massageTypeSlug, 'body.massageType');
  refuseUnlessBookable(listing, type, request.now);
  const durationMinutes =
    'fixed' in request.duration
      ? request.duration.fixed
      : resolveDuration(type, request.duration.requested, 'body.durationMinutes');
  const verdict = checkSlotBookable({
    ...slotRulesFor(calendar, listing.certifications, type, durationMinutes, request.now),
    startsAt: request.startsAt,
  });
  if (!verdict.ok) {
    if (verdict.reason === 'taken') throw slotTakenError();
    const why =
      verdict.reason === 'certification-expires'
        ? "the therapist's certification for this massage type expires before the session ends"
        : verdict.reason;
    const detail = `This start cannot be booked: ${why}`;
    throw new RuleViolationError('slot-not-bookable', detail, { reason: verdict.reason });
  }
  return { type, durationMinutes, policy: calendar.policy };
}

/**
 * At most `limit` bookings of one client may wait for a therapist's answer at once (a client holding a dozen
 * slots across the practice blocks every other client from them). Counts under the client's lock, so racing
 * bookings, with one therapist or with several, see each other's rows. A PENDING booking whose start has passed
 * holds nothing and does not count.
 */
async function refuseOverPendingLimit(
  tx: Prisma.TransactionClient,
  client: { clientId: string; now: Date; limit: number },
): Promise<void> {
  await lockClientBookings(tx, client.clientId);
  const pending = await tx.appointment.count({
    where: { clientId: client.clientId, status: 'PENDING', startsAt: { gt: client.now } },
  });
  if (pending >= client.limit) {
    throw new RuleViolationError(
      'pending-bookings-limit',
      `You already have ${pending} bookings waiting for confirmation; at most ${client.limit} may wait at once`,
      { limit: client.limit, pending },
    );
  }
}

export function createBookingService(
  deps: DependenciesOf<'prisma' | 'clock', 'CANCELLATION_WINDOW_HOURS' | 'MAX_PENDING_BOOKINGS_PER_CLIENT'>,
) {
  const { prisma, clock, config } = deps;

  /** The booking an earlier request with this key made, or a 422 when the key was used for another request. */
  function replay(existing: AppointmentRow, fingerprint: string): BookingResult {
    if (existing.requestHash !== fingerprint) {
      throw new RuleViolationError(
        'idempotency-key-reused',
        'This Idempotency-Key was already used for a different booking request; use a new key',
      );
    }
    return { appointment: toAppointmentView(existing, 'client'), created: false };
  }

  async function book(actor: Principal, idempotencyKey: string, input: CreateAppointmentInput): Promise<BookingResult> {
    const now = clock.now();
    const notes = input.notes ? input.notes : undefined;
    const fingerprint = bookingFingerprint({ ...input, notes });
    const earlier = await findByIdempotencyKey(prisma, actor.userId, idempotencyKey);
    if (earlier) return replay(earlier, fingerprint);

    try {
      const row = await retryConcurrencyFailures(() => prisma.$transaction(async (tx) => {
        await refuseOverPendingLimit(tx, { clientId: actor.userId, now, limit: config.MAX_PENDING_BOOKINGS_PER_CLIENT });
        if (!(await lockTherapistCalendar(tx, input.therapistId))) throw therapistNotFound();
        const { type, durationMinutes, policy } = await judgeBooking(tx, {
          therapistId: input.therapistId,
          massageTypeSlug: input.massageType,
          startsAt: input.startsAt,
          now,
          duration: { requested: input.durationMinutes },
        });
        const screening = await assessScreeningForBooking(tx, {
          screeningId: input.screeningId,
          clientId: actor.userId,
          massageTypeSlug: type.slug,
          startsAt: input.startsAt,
          now,
        });
        const endsAt = new Date(input.startsAt.getTime() + durationMinutes * MS_PER_MINUTE);
        const created = await tx.appointment.create({
          data: {
            clientId: actor.userId,
            therapistId: input.therapistId,
            massageTypeId: type.id,
            durationMinutes,
            startsAt: input.startsAt,
            endsAt,
            blockedUntil: new Date(endsAt.getTime() + policy.bufferMinutes * MS_PER_MINUTE),
            priceCents: priceFor(type.priceCents, durationMinutes),
            currency: type.currency,
            screeningId: screening.screeningId,
            screeningFlags: toFlagsSnapshot(screening) as unknown as Prisma.InputJsonValue,
            notes: notes ?? null,
            idempotencyKey,
            requestHash: fingerprint,
            createdAt: now,
          },
          select: appointmentSelect,
        });
        await recordChange(
          tx,
          {
            actorId: actor.userId,
            at: now,
            action: 'appointment.created',
            entityType: 'Appointment',
            entityId: created.id,
            data: { from: null, to: 'PENDING' },
          },
          appointmentEvent('appointment.requested', created, 'client'),
        );
        return created;
      }, CALENDAR_TRANSACTION));
      return { appointment: toAppointmentView(row, 'client'), created: true };
    } catch (error) {
      // A concurrent request with the same key may have won while this one ran (its row then blocks this one as
      // a taken slot, an overlap or a duplicate key): answer as its replay, not as a conflict.
      const winner = await findByIdempotencyKey(prisma, actor.userId, idempotencyKey);
      if (winner) return replay(winner, fingerprint);
      throw bookingRaceError(error) ?? error;
    }
  }

  /**
   * Moves the appointment with one UPDATE, so the old time is released only if the new one is won (the exclusion
   * constraint judges the new range against every other appointment). The therapist's bookability, the slot and
   * the screening are judged again at the new date: certificates expire and pregnancy weeks move on. A confirmed
   * appointment returns to PENDING. The row is locked first, so a confirm or cancel running at the same moment
   * acts on the moved appointment, not on the flags and time it had.
   */
  async function reschedule(actor: Principal, id: string, input: RescheduleInput): Promise<AppointmentView> {
    const { row } = await transitionAppointment(prisma, {
      actor,
      appointmentId: id,
      action: 'reschedule',
      now: clock.now(),
      changes: async (tx, current, _by, now) => {
        const windowHours = config.CANCELLATION_WINDOW_HOURS;
        if (!mayReschedule({ startsAt: current.startsAt, now, windowHours })) {
          throw new RuleViolationError(
            'reschedule-window-closed',
            `Appointments starting within ${windowHours} hours cannot be moved; cancel instead`,
            { cancellationWindowHours: windowHours },
          );
        }
        if (input.startsAt.getTime() === current.startsAt.getTime()) {
          throw new RuleViolationError('reschedule-same-time', 'The appointment already starts at this time');
        }
        await lockTherapistCalendar(tx, current.therapistId);
        const { policy } = await judgeBooking(tx, {
          therapistId: current.therapistId,
          massageTypeSlug: current.massageType.slug,
          startsAt: input.startsAt,
          now,
          duration: { fixed: current.durationMinutes },
          excludeAppointmentId: id,
        });
        const screeningId = input.screeningId ?? current.screeningId;
        if (!screeningId) {
          throw new RuleViolationError('screening-required', 'A health screening is needed to move this appointment');
        }
        const screening = await assessScreeningForBooking(tx, {
          screeningId,
          clientId: current.clientId,
          massageTypeSlug: current.massageType.slug,
          startsAt: input.startsAt,
          now,
        });
        const endsAt = new Date(input.startsAt.getTime() + current.durationMinutes * MS_PER_MINUTE);
        return {
          data: {
            startsAt: input.startsAt,
            endsAt,
            blockedUntil: new Date(endsAt.getTime() + policy.bufferMinutes * MS_PER_MINUTE),
            screeningId: screening.screeningId,
            screeningFlags: toFlagsSnapshot(screening) as unknown as Prisma.InputJsonValue,
            confirmedAt: null,
            flagsAcknowledgedAt: null,
            clearanceConfirmedAt: null,
            calendarSequence: { increment: 1 },
          },
          audit: { fromStartsAt: current.startsAt.toISOString(), toStartsAt: input.startsAt.toISOString() },
        };
      },
    });
    return toAppointmentView(row, 'client');
  }

  return { book, reschedule };
}
