import { beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/lib/clock.ts';
import { useTestApp } from '../helpers/app.ts';
import {
  BOOKING_TEST_ENV,
  PREGNANT_AT_10_WEEKS,
  T0,
  bookAppointment,
  createBookableTherapist,
  createScreening,
  type TestTherapist,
} from '../helpers/booking.ts';
import { createAdmin, registerUser, type Session } from '../helpers/factories.ts';

// Thursday 2026-12-03 10:00 Berlin (09:00Z): two days and three hours after T0.
const THU_10 = '2026-12-03T10:00:00.000+01:00';
const START = new Date(THU_10);
const minutesFromT0ToStart = (START.getTime() - T0.getTime()) / 60_000;

describe('appointment lifecycle', () => {
  const clock = new ManualClock(T0);
  const ctx = useTestApp({ clock, env: BOOKING_TEST_ENV });
  beforeEach(() => clock.set(T0));

  async function booked(options: Parameters<typeof bookAppointment>[4] = {}, therapistOptions = {}) {
    const therapist = await createBookableTherapist(ctx, therapistOptions);
    const { client, appointment } = await bookAppointment(ctx, therapist.therapistId, THU_10, T0, options);
    return { therapist, client, id: appointment.id };
  }

  const act = (session: Session, id: string, action: string, body?: object) => {
    const request = ctx.http.post(`/appointments/${id}/${action}`).set(session.auth);
    return body === undefined ? request : request.send(body);
  };

  async function confirmed() {
    const setup = await booked();
    await act(setup.therapist.session, setup.id, 'confirm', {}).expect(200);
    return setup;
  }

  async function auditTrail(id: string) {
    const entries = await ctx.prisma.auditLog.findMany({ where: { entityId: id }, orderBy: { id: 'asc' } });
    return entries.map((entry) => [entry.action, entry.actorId, entry.data]);
  }

  describe('confirm', () => {
    it('confirms an appointment without flags with {} or no body, records when, and audits the move', async () => {
      const { therapist, client, id } = await booked();
      clock.advanceMinutes(30);
      const response = await act(therapist.session, id, 'confirm', {}).expect(200);
      expect(response.body).toMatchObject({
        status: 'CONFIRMED',
        confirmedAt: '2026-12-01T06:30:00.000Z',
        flagsAcknowledgedAt: null,
        clearanceConfirmedAt: null,
      });
      expect(await auditTrail(id)).toEqual([
        ['appointment.created', client.user.id, { from: null, to: 'PENDING' }],
        ['appointment.confirmed', therapist.session.user.id, { from: 'PENDING', to: 'CONFIRMED' }],
      ]);
      // Audit entries carry the app's time, like confirmedAt, not the database's.
      const confirmAudit = await ctx.prisma.auditLog.findFirstOrThrow({ where: { entityId: id, action: 'appointment.confirmed' } });
      expect(confirmAudit.createdAt.toISOString()).toBe('2026-12-01T06:30:00.000Z');
      const second = await booked();
      await act(second.therapist.session, second.id, 'confirm').expect(200);
    });

    it('refuses confirming twice with 409 naming the current status', async () => {
      const { therapist, id } = await confirmed();
      const response = await act(therapist.session, id, 'confirm', {}).expect(409);
      expect(response.body).toMatchObject({ status: 409, code: 'invalid-transition', currentStatus: 'CONFIRMED', action: 'confirm' });
    });

    it('lets only that therapist confirm: 403 for the client and admins, 404 for another therapist', async () => {
      const { client, id } = await booked();
      const otherTherapist = await registerUser(ctx, 'therapist');
      const admin = await createAdmin(ctx);
      await act(client, id, 'confirm', {}).expect(403);
      await act(admin, id, 'confirm', {}).expect(403);
      await act(otherTherapist, id, 'confirm', {}).expect(404);
      expect((await ctx.prisma.appointment.findUniqueOrThrow({ where: { id } })).status).toBe('PENDING');
    });

    it('needs acknowledgeFlags and clearanceConfirmed for a client 10 weeks pregnant booked for prenatal', async () => {
      const { therapist, id } = await booked(
        { massageType: 'prenatal', answers: PREGNANT_AT_10_WEEKS },
        { massageTypes: ['prenatal'] },
      );
      const bare = await act(therapist.session, id, 'confirm', {}).expect(422);
      expect(bare.body).toMatchObject({ code: 'confirmation-incomplete', missing: ['acknowledgeFlags', 'clearanceConfirmed'] });
      const acknowledgedOnly = await act(therapist.session, id, 'confirm', { acknowledgeFlags: true }).expect(422);
      expect(acknowledgedOnly.body.missing).toEqual(['clearanceConfirmed']);
      expect((await ctx.prisma.appointment.findUniqueOrThrow({ where: { id } })).status).toBe('PENDING');

      const ok = await act(therapist.session, id, 'confirm', { acknowledgeFlags: true, clearanceConfirmed: true }).expect(200);
      expect(ok.body).toMatchObject({
        status: 'CONFIRMED',
        flagsAcknowledgedAt: T0.toISOString(),
        clearanceConfirmedAt: T0.toISOString(),
        screening: { decision: 'caution', requiresClearance: true },
      });
    });

    it('needs only acknowledgeFlags for caution flags without clearance', async () => {
      const { therapist, id } = await booked({ answers: { osteoporosis: 'mild' } });
      const bare = await act(therapist.session, id, 'confirm', {}).expect(422);
      expect(bare.body.missing).toEqual(['acknowledgeFlags']);
      const ok = await act(therapist.session, id, 'confirm', { acknowledgeFlags: true }).expect(200);
      expect(ok.body).toMatchObject({ status: 'CONFIRMED', flagsAcknowledgedAt: T0.toISOString(), clearanceConfirmedAt: null });
    });

    it('refuses confirm flags other than true with 400', async () => {
      const { therapist, id } = await booked();
      await act(therapist.session, id, 'confirm', { acknowledgeFlags: false }).expect(400);
      await act(therapist.session, id, 'confirm', { approve: true }).expect(400);
    });
  });

  describe('cancel', () => {
    it('lets the client cancel ahead of the window, with a reason, and frees the slot', async () => {
      const { therapist, client, id } = await confirmed();
      const response = await act(client, id, 'cancel', { reason: 'Caught a cold' }).expect(200);
      expect(response.body).toMatchObject({
        status: 'CANCELLED',
        lateCancellation: false,
        cancellationReason: 'Caught a cold',
        cancelledAt: T0.toISOString(),
      });
      expect((await auditTrail(id)).at(-1)).toEqual([
        'appointment.cancelled',
        client.user.id,
        { from: 'CONFIRMED', to: 'CANCELLED', lateCancellation: false },
      ]);
      await bookAppointment(ctx, therapist.therapistId, THU_10, T0);
    });

    it('marks a client cancellation inside the 24-hour window late, and a therapist one not', async () => {
      const first = await booked();
      const second = await booked();
      clock.advanceMinutes(minutesFromT0ToStart - 23 * 60);
      const late = await act(first.client, first.id, 'cancel').expect(200);
      expect(late.body).toMatchObject({ status: 'CANCELLED', lateCancellation: true, cancellationReason: null });
      const byTherapist = await act(second.therapist.session, second.id, 'cancel', { reason: 'Sick' }).expect(200);
      expect(byTherapist.body).toMatchObject({ status: 'CANCELLED', lateCancellation: false });
      const row = await ctx.prisma.appointment.findUniqueOrThrow({ where: { id: second.id } });
      expect(row.cancelledById).toBe(second.therapist.session.user.id);
    });

    it('is on time exactly 24 hours before the start', async () => {
      const { client, id } = await booked();
      clock.advanceMinutes(minutesFromT0ToStart - 24 * 60);
      const response = await act(client, id, 'cancel', {}).expect(200);
      expect(response.body.lateCancellation).toBe(false);
    });

    it('refuses cancelling from the start on, and cancelling twice, with 409 naming the status', async () => {
      const started = await confirmed();
      const twice = await booked();
      await act(twice.client, twice.id, 'cancel', {}).expect(200);
      const again = await act(twice.therapist.session, twice.id, 'cancel', {}).expect(409);
      expect(again.body).toMatchObject({ code: 'invalid-transition', currentStatus: 'CANCELLED' });

      clock.advanceMinutes(minutesFromT0ToStart);
      const tooLate = await act(started.client, started.id, 'cancel', {}).expect(409);
      expect(tooLate.body).toMatchObject({ code: 'appointment-started', currentStatus: 'CONFIRMED' });
      const tooLateForTherapist = await act(started.therapist.session, started.id, 'cancel', {}).expect(409);
      expect(tooLateForTherapist.body).toMatchObject({ code: 'appointment-started', currentStatus: 'CONFIRMED' });
      expect((await ctx.prisma.appointment.findUniqueOrThrow({ where: { id: started.id } })).status).toBe('CONFIRMED');
    });

    it('lets neither admins (403) nor strangers (404) cancel', async () => {
      const { id } = await booked();
      const admin = await createAdmin(ctx);
      const stranger = await registerUser(ctx, 'client');
      await act(admin, id, 'cancel', {}).expect(403);
      await act(stranger, id, 'cancel', {}).expect(404);
      expect((await ctx.prisma.appointment.findUniqueOrThrow({ where: { id } })).status).toBe('PENDING');
    });
  });

  describe('complete and no-show', () => {
    it('completes a confirmed appointment from its start on', async () => {
      const { therapist, id } = await confirmed();
      clock.advanceMinutes(minutesFromT0ToStart + 60);
      const response = await act(therapist.session, id, 'complete').expect(200);
      expect(response.body).toMatchObject({ status: 'COMPLETED', completedAt: '2026-12-03T10:00:00.000Z' });
      expect((await auditTrail(id)).at(-1)).toEqual([
        'appointment.completed',
        therapist.session.user.id,
        { from: 'CONFIRMED', to: 'COMPLETED' },
      ]);
    });

    it('marks a confirmed appointment a no-show at its start', async () => {
      const { therapist, id } = await confirmed();
      clock.advanceMinutes(minutesFromT0ToStart);
      const response = await act(therapist.session, id, 'no-show').expect(200);
      expect(response.body.status).toBe('NO_SHOW');
      expect((await auditTrail(id)).at(-1)?.[2]).toEqual({ from: 'CONFIRMED', to: 'NO_SHOW' });
    });

    it('refuses both before the start with 409 appointment-not-started', async () => {
      const { therapist, id } = await confirmed();
      clock.advanceMinutes(minutesFromT0ToStart - 1);
      for (const action of ['complete', 'no-show']) {
        const response = await act(therapist.session, id, action).expect(409);
        expect(response.body).toMatchObject({ code: 'appointment-not-started', currentStatus: 'CONFIRMED', action });
      }
    });

    it('refuses both on a PENDING appointment, even after its start, with 409 naming PENDING', async () => {
      const { therapist, id } = await booked();
      clock.advanceMinutes(minutesFromT0ToStart + 5);
      for (const action of ['complete', 'no-show']) {
        const response = await act(therapist.session, id, action).expect(409);
        expect(response.body).toMatchObject({ code: 'invalid-transition', currentStatus: 'PENDING' });
      }
      // Confirming late is allowed, so the session can still be closed.
      await act(therapist.session, id, 'confirm', {}).expect(200);
      await act(therapist.session, id, 'complete').expect(200);
    });

    it('refuses every move out of COMPLETED, NO_SHOW and CANCELLED with 409 naming the status', async () => {
      const completed = await confirmed();
      const noShow = await confirmed();
      const cancelled = await booked();
      await act(cancelled.client, cancelled.id, 'cancel', {}).expect(200);
      clock.advanceMinutes(minutesFromT0ToStart + 90);
      await act(completed.therapist.session, completed.id, 'complete').expect(200);
      await act(noShow.therapist.session, noShow.id, 'no-show').expect(200);

      const cases: [{ therapist: TestTherapist; client: Session; id: string }, string][] = [
        [completed, 'COMPLETED'],
        [noShow, 'NO_SHOW'],
        [cancelled, 'CANCELLED'],
      ];
      for (const [setup, status] of cases) {
        for (const action of ['confirm', 'complete', 'no-show', 'cancel']) {
          const response = await act(setup.therapist.session, setup.id, action, {}).expect(409);
          expect(response.body).toMatchObject({ code: 'invalid-transition', currentStatus: status, action });
        }
        const reschedule = await act(setup.client, setup.id, 'reschedule', { startsAt: '2026-12-10T10:00:00+01:00' }).expect(409);
        expect(reschedule.body).toMatchObject({ code: 'invalid-transition', currentStatus: status });
      }
    });

    it('lets only the therapist complete: 403 for the client', async () => {
      const { client, id } = await confirmed();
      clock.advanceMinutes(minutesFromT0ToStart + 60);
      await act(client, id, 'complete').expect(403);
      await act(client, id, 'no-show').expect(403);
    });
  });

  describe('reschedule', () => {
    const FRI_14 = '2026-12-04T14:00:00.000+01:00';

    it('moves a confirmed appointment back to PENDING, frees the old time and audits both times', async () => {
      const { therapist, client, id } = await confirmed();
      const response = await act(client, id, 'reschedule', { startsAt: FRI_14 }).expect(200);
      expect(response.body).toMatchObject({
        id,
        status: 'PENDING',
        startsAt: '2026-12-04T13:00:00.000Z',
        endsAt: '2026-12-04T14:00:00.000Z',
        confirmedAt: null,
        flagsAcknowledgedAt: null,
      });
      expect((await auditTrail(id)).at(-1)).toEqual([
        'appointment.rescheduled',
        client.user.id,
        { from: 'CONFIRMED', to: 'PENDING', fromStartsAt: '2026-12-03T09:00:00.000Z', toStartsAt: '2026-12-04T13:00:00.000Z' },
      ]);
      const row = await ctx.prisma.appointment.findUniqueOrThrow({ where: { id } });
      expect(row.blockedUntil.toISOString()).toBe('2026-12-04T14:15:00.000Z');
      await bookAppointment(ctx, therapist.therapistId, THU_10, T0);
    });

    it('may move into a time overlapping its own old one', async () => {
      const { client, id } = await booked();
      const response = await act(client, id, 'reschedule', { startsAt: '2026-12-03T10:30:00+01:00' }).expect(200);
      expect(response.body.startsAt).toBe('2026-12-03T09:30:00.000Z');
    });

    it('keeps the old time when the new one is taken (409) or not bookable (422)', async () => {
      const { therapist, client, id } = await confirmed();
      await bookAppointment(ctx, therapist.therapistId, FRI_14, T0);
      const taken = await act(client, id, 'reschedule', { startsAt: FRI_14 }).expect(409);
      expect(taken.body.code).toBe('slot-taken');
      const offStep = await act(client, id, 'reschedule', { startsAt: '2026-12-04T10:10:00+01:00' }).expect(422);
      expect(offStep.body).toMatchObject({ code: 'slot-not-bookable', reason: 'off-step' });
      const row = await ctx.prisma.appointment.findUniqueOrThrow({ where: { id } });
      expect([row.status, row.startsAt.toISOString()]).toEqual(['CONFIRMED', '2026-12-03T09:00:00.000Z']);
    });

    it('refuses a move into another booking of the same client with 409 client-overlap', async () => {
      const { client, id } = await booked();
      const other = await createBookableTherapist(ctx);
      const screeningId = await createScreening(ctx, client.user.id, T0);
      await ctx.http
        .post('/appointments')
        .set(client.auth)
        .set('Idempotency-Key', 'second-booking')
        .send({ therapistId: other.therapistId, massageType: 'swedish', durationMinutes: 60, startsAt: FRI_14, screeningId })
        .expect(201);
      const response = await act(client, id, 'reschedule', { startsAt: FRI_14 }).expect(409);
      expect(response.body.code).toBe('client-overlap');
    });

    it('refuses moving inside the cancellation window with 422, and to the same time with 422', async () => {
      const { client, id } = await booked();
      const same = await act(client, id, 'reschedule', { startsAt: THU_10 }).expect(422);
      expect(same.body.code).toBe('reschedule-same-time');
      clock.advanceMinutes(minutesFromT0ToStart - 23 * 60);
      const response = await act(client, id, 'reschedule', { startsAt: FRI_14 }).expect(422);
      expect(response.body).toMatchObject({ code: 'reschedule-window-closed', cancellationWindowHours: 24 });
    });

    it('lets only the client move it: 403 for the therapist and admins, 404 for other clients', async () => {
      const { therapist, id } = await booked();
      const stranger = await registerUser(ctx, 'client');
      const admin = await createAdmin(ctx);
      await act(therapist.session, id, 'reschedule', { startsAt: FRI_14 }).expect(403);
      await act(admin, id, 'reschedule', { startsAt: FRI_14 }).expect(403);
      await act(stranger, id, 'reschedule', { startsAt: FRI_14 }).expect(404);
      expect((await ctx.prisma.appointment.findUniqueOrThrow({ where: { id } })).startsAt).toEqual(START);
    });

    it('refuses moving an appointment that has started with 409 appointment-started', async () => {
      const { client, id } = await confirmed();
      clock.advanceMinutes(minutesFromT0ToStart + 1);
      const response = await act(client, id, 'reschedule', { startsAt: FRI_14 }).expect(409);
      expect(response.body).toMatchObject({ code: 'appointment-started', currentStatus: 'CONFIRMED', action: 'reschedule' });
    });

    it('refuses a move once the therapist stopped offering the type, keeping the old time', async () => {
      const { therapist, client, id } = await booked();
      await ctx.http
        .patch(`/therapists/${therapist.therapistId}`)
        .set(therapist.session.auth)
        .send({ massageTypes: ['deep-tissue'] })
        .expect(200);
      const response = await act(client, id, 'reschedule', { startsAt: FRI_14 }).expect(422);
      expect(response.body.code).toBe('massage-type-not-offered');
      expect((await ctx.prisma.appointment.findUniqueOrThrow({ where: { id } })).startsAt).toEqual(START);
    });

    it('judges the screening again at the new date: pregnancy weeks move on and the flags with them', async () => {
      const { therapist, client, id } = await booked(
        { massageType: 'prenatal', answers: { pregnancy: { pregnant: true, weeks: 12 } } },
        { massageTypes: ['prenatal'] },
      );
      const before = await ctx.http.get(`/appointments/${id}`).set(client.auth).expect(200);
      expect(before.body.screening.flags.map((flag: { code: string }) => flag.code)).toEqual(['pregnancy-first-trimester']);

      // Eight days after the screening: 13 weeks, second trimester: ok, with a positioning note and no clearance.
      const moved = await act(client, id, 'reschedule', { startsAt: '2026-12-09T10:00:00+01:00' }).expect(200);
      expect(moved.body.screening).toEqual({
        decision: 'ok',
        requiresClearance: false,
        flags: [expect.objectContaining({ code: 'pregnancy-side-lying', decision: 'ok' })],
      });
      await act(therapist.session, id, 'confirm', {}).expect(200);
    });

    it("refuses a move once the booking's own screening has expired, and accepts a newer one of the client's", async () => {
      const therapist = await createBookableTherapist(ctx);
      const { client: firstSession, appointment } = await bookAppointment(ctx, therapist.therapistId, '2027-01-20T10:00:00+01:00', T0);
      // Screenings are valid for 30 days: on 2027-01-05 the one made at T0 has expired (tokens too: a new one).
      clock.set(new Date('2027-01-05T09:00:00Z'));
      const token = ctx.app.issueToken({ userId: firstSession.user.id, role: 'client', therapistId: null });
      const client = { ...firstSession, token, auth: { Authorization: `Bearer ${token}` } };
      const move = { startsAt: '2027-01-21T10:00:00+01:00' };
      const refused = await act(client, appointment.id, 'reschedule', move).expect(422);
      expect(refused.body.code).toBe('screening-expired');
      const fresh = await ctx.http.post('/screenings').set(client.auth).send({ answers: {} }).expect(201);
      const moved = await act(client, appointment.id, 'reschedule', { ...move, screeningId: fresh.body.id }).expect(200);
      expect(moved.body.startsAt).toBe('2027-01-21T09:00:00.000Z');
    });

    it('refuses an expired screening the client names explicitly', async () => {
      const { client, id } = await booked();
      const expiredScreening = await createScreening(ctx, client.user.id, new Date('2026-10-01T00:00:00Z'));
      const refused = await act(client, id, 'reschedule', { startsAt: FRI_14, screeningId: expiredScreening }).expect(422);
      expect(refused.body.code).toBe('screening-expired');
    });
  });
});
