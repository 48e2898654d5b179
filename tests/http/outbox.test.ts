// The transactional outbox: every change that matters leaves exactly one event, in the transaction of the change,
// with a payload of ids, statuses, times and versions only.
import { beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/lib/clock.ts';
import { recordChange } from '../../src/modules/events/record-change.ts';
import { useTestApp } from '../helpers/app.ts';
import {
  BOOKING_TEST_ENV,
  T0,
  bookAppointment,
  createBookableTherapist,
  postBooking,
  clientReadyToBook,
} from '../helpers/booking.ts';

// Thursday 2026-12-03 10:00 Berlin, then Friday 11:00: both more than a day after T0.
const THU_10 = '2026-12-03T10:00:00.000+01:00';
const FRI_11 = '2026-12-04T11:00:00.000+01:00';
const APPOINTMENT_FIELDS = ['appointmentId', 'changedBy', 'clientId', 'endsAt', 'startsAt', 'status', 'therapistId', 'version'];

describe('outbox events', () => {
  const clock = new ManualClock(T0);
  const ctx = useTestApp({ clock, env: BOOKING_TEST_ENV });
  beforeEach(() => clock.set(T0));

  const eventsOf = (subjectId: string) =>
    ctx.prisma.domainEvent.findMany({ where: { subjectId }, orderBy: { id: 'asc' } });

  it('records each appointment change once, with versions that count the changes and nothing personal', async () => {
    const therapist = await createBookableTherapist(ctx);
    const { client, appointment } = await bookAppointment(ctx, therapist.therapistId, THU_10, T0, {
      notes: 'Side entrance please, my lower back hurts',
    });
    const id = appointment.id;
    await ctx.http.post(`/appointments/${id}/confirm`).set(therapist.session.auth).send({}).expect(200);
    await ctx.http.post(`/appointments/${id}/reschedule`).set(client.auth).send({ startsAt: FRI_11 }).expect(200);
    await ctx.http.post(`/appointments/${id}/cancel`).set(client.auth).send({ reason: 'I feel unwell' }).expect(200);

    const events = await eventsOf(id);
    expect(events.map((event) => [event.type, event.subjectVersion])).toEqual([
      ['appointment.requested', 1],
      ['appointment.confirmed', 2],
      ['appointment.rescheduled', 3],
      ['appointment.cancelled', 4],
    ]);
    const [requested, , rescheduled, cancelled] = events.map((event) => event.payload as Record<string, unknown>);
    expect(Object.keys(requested!).sort()).toEqual(APPOINTMENT_FIELDS);
    expect(requested).toMatchObject({ status: 'PENDING', changedBy: 'client', startsAt: '2026-12-03T09:00:00.000Z' });
    expect(rescheduled).toMatchObject({
      previousStartsAt: '2026-12-03T09:00:00.000Z',
      startsAt: '2026-12-04T10:00:00.000Z',
      status: 'PENDING',
    });
    expect(cancelled).toMatchObject({ status: 'CANCELLED', lateCancellation: false, reason: 'cancelled', changedBy: 'client' });
    const stored = JSON.stringify(events);
    for (const secret of ['entrance', 'back hurts', 'unwell', client.user.email, client.user.name]) {
      expect(stored).not.toContain(secret);
    }
    const row = await ctx.prisma.appointment.findUniqueOrThrow({ where: { id } });
    expect([row.version, row.calendarSequence]).toEqual([4, 1]);
  });

  it('records nothing for a booking that is refused', async () => {
    const therapist = await createBookableTherapist(ctx);
    const first = await bookAppointment(ctx, therapist.therapistId, THU_10, T0);
    const { client, body } = await clientReadyToBook(ctx, therapist.therapistId, THU_10, T0);
    await postBooking(ctx, client, body).expect(409);
    const total = await ctx.prisma.domainEvent.count({ where: { payload: { path: ['clientId'], equals: client.user.id } } });
    expect(total).toBe(0);
    expect(await eventsOf(first.appointment.id)).toHaveLength(1);
  });

  it('leaves no event when the transaction that wrote it rolls back', async () => {
    const subjectId = `rolled-back-${Date.now()}`;
    await expect(
      ctx.prisma.$transaction(async (tx) => {
        await recordChange(
          tx,
          { actorId: null, at: T0, action: 'review.created', entityType: 'Review', entityId: subjectId },
          { type: 'review.created', subjectId, subjectVersion: 1, payload: { reviewId: subjectId, appointmentId: 'a', therapistId: 't' } },
        );
        throw new Error('the change failed after its event was written');
      }),
    ).rejects.toThrow('the change failed');
    expect(await eventsOf(subjectId)).toEqual([]);
    expect(await ctx.prisma.auditLog.count({ where: { entityId: subjectId } })).toBe(0);
  });

  it('refuses a payload with a field its event does not name', async () => {
    const subjectId = `too-wide-${Date.now()}`;
    const payload = { reviewId: subjectId, appointmentId: 'a', therapistId: 't', comment: 'my back hurts' };
    await expect(
      ctx.prisma.$transaction((tx) =>
        recordChange(
          tx,
          { actorId: null, at: T0, action: 'review.created', entityType: 'Review', entityId: subjectId },
          // A caller that widened the payload past its type, as a careless refactor might.
          { type: 'review.created', subjectId, subjectVersion: 1, payload: payload as never },
        ),
      ),
    ).rejects.toThrow();
    expect(await eventsOf(subjectId)).toEqual([]);
  });
});
