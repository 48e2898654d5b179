import supertest from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { ManualClock } from '../../src/lib/clock.ts';
import { useTestApp } from '../helpers/app.ts';
import { BOOKING_TEST_ENV, PREGNANT_AT_10_WEEKS, T0, bookAppointment, createBookableTherapist } from '../helpers/booking.ts';
import { registerUser } from '../helpers/factories.ts';

describe('calendar feed', () => {
  const clock = new ManualClock(T0);
  const ctx = useTestApp({ clock, env: BOOKING_TEST_ENV });
  beforeEach(() => clock.set(T0));

  async function feedOf(therapist: Awaited<ReturnType<typeof createBookableTherapist>>) {
    const response = await ctx.http.get(`/therapists/${therapist.therapistId}/calendar-feed`).set(therapist.session.auth).expect(200);
    return response.body as { url: string; token: string };
  }

  it("serves the therapist's confirmed sessions only, as RFC 5545 text without client details", async () => {
    const therapist = await createBookableTherapist(ctx, { massageTypes: ['swedish', 'prenatal'], name: 'Terry Feed' });
    const confirmed = await bookAppointment(ctx, therapist.therapistId, '2026-12-03T10:00:00+01:00', T0, {
      notes: 'Secret; knee pain',
    });
    const confirmedPrenatal = await bookAppointment(ctx, therapist.therapistId, '2026-12-03T14:00:00+01:00', T0, {
      massageType: 'prenatal',
      durationMinutes: 45,
      answers: PREGNANT_AT_10_WEEKS,
    });
    const pending = await bookAppointment(ctx, therapist.therapistId, '2026-12-04T10:00:00+01:00', T0);
    const cancelled = await bookAppointment(ctx, therapist.therapistId, '2026-12-05T10:00:00+01:00', T0);
    await ctx.http.post(`/appointments/${confirmed.appointment.id}/confirm`).set(therapist.session.auth).send({}).expect(200);
    await ctx.http
      .post(`/appointments/${confirmedPrenatal.appointment.id}/confirm`)
      .set(therapist.session.auth)
      .send({ acknowledgeFlags: true, clearanceConfirmed: true })
      .expect(200);
    await ctx.http.post(`/appointments/${cancelled.appointment.id}/cancel`).set(cancelled.client.auth).send({}).expect(200);
    const { url, token } = await feedOf(therapist);

    const response = await ctx.http.get(`/therapists/${therapist.therapistId}/calendar.ics?token=${token}`).expect(200);

    expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/therapists/${therapist.therapistId}/calendar\\.ics\\?token=${token}$`));
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const text = response.text;
    const updated = await ctx.prisma.appointment.findUniqueOrThrow({ where: { id: confirmed.appointment.id } });
    const stamp = updated.updatedAt.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
    const lines = text.split('\r\n');
    expect(lines.slice(0, 5)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Kneadful//Therapist sessions//EN',
      'CALSCALE:GREGORIAN',
      'X-WR-CALNAME:Kneadful sessions: Terry Feed',
    ]);
    expect(lines.slice(5, 15)).toEqual([
      'BEGIN:VEVENT',
      `UID:${confirmed.appointment.id}@kneadful`,
      `DTSTAMP:${stamp}`,
      'DTSTART:20261203T090000Z',
      'DTEND:20261203T100000Z',
      'SUMMARY:Massage session',
      'STATUS:CONFIRMED',
      'TRANSP:OPAQUE',
      'END:VEVENT',
      'BEGIN:VEVENT',
    ]);
    expect(text).not.toMatch(/min\)/);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(lines.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(2);
    expect(text).not.toContain(pending.appointment.id);
    expect(text).not.toContain(cancelled.appointment.id);
    // Nothing about the client: no name, notes, screening, or a massage type that gives a condition away.
    for (const secret of ['Casey', 'knee', 'pregnan', 'prenatal', 'clearance', confirmed.client.user.id]) {
      expect(text.toLowerCase()).not.toContain(secret.toLowerCase());
    }
    expect(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('keeps a session in the feed once it is completed or a no-show', async () => {
    const therapist = await createBookableTherapist(ctx);
    const held = await bookAppointment(ctx, therapist.therapistId, '2026-12-03T10:00:00+01:00', T0);
    const missed = await bookAppointment(ctx, therapist.therapistId, '2026-12-03T14:00:00+01:00', T0);
    for (const { appointment } of [held, missed]) {
      await ctx.http.post(`/appointments/${appointment.id}/confirm`).set(therapist.session.auth).send({}).expect(200);
    }
    clock.set(new Date('2026-12-03T16:00:00+01:00'));
    await ctx.http.post(`/appointments/${held.appointment.id}/complete`).set(therapist.session.auth).expect(200);
    await ctx.http.post(`/appointments/${missed.appointment.id}/no-show`).set(therapist.session.auth).expect(200);
    const { token } = await feedOf(therapist);

    const text = (await ctx.http.get(`/therapists/${therapist.therapistId}/calendar.ics?token=${token}`).expect(200)).text;

    expect(text).toContain(`UID:${held.appointment.id}@kneadful`);
    expect(text).toContain(`UID:${missed.appointment.id}@kneadful`);
  });

  it('answers a wrong, a missing token and an unknown therapist alike with 404', async () => {
    const therapist = await createBookableTherapist(ctx);
    const { token } = await feedOf(therapist);
    const base = `/therapists/${therapist.therapistId}/calendar.ics`;
    const wrong = await ctx.http.get(`${base}?token=${token}x`).expect(404);
    expect(wrong.body.code).toBe('calendar-feed-not-found');
    await ctx.http.get(base).expect(404);
    await ctx.http.get(`/therapists/nobody/calendar.ics?token=${token}`).expect(404);
  });

  it('never writes the feed token to the logs', async () => {
    const lines: string[] = [];
    const app = await buildApp({
      config: { ...ctx.config, LOG_LEVEL: 'info' },
      prisma: ctx.prisma,
      clock,
      logStream: { write: (line) => lines.push(line) },
    });
    try {
      await app.ready();
      const therapist = await createBookableTherapist(ctx);
      const { token } = await feedOf(therapist);
      await supertest(app.server).get(`/therapists/${therapist.therapistId}/calendar.ics?token=${token}`).expect(200);
      const logged = lines.join('');
      expect(logged).toContain(`/therapists/${therapist.therapistId}/calendar.ics?token=[redacted]`);
      expect(logged).not.toContain(token);
    } finally {
      await app.close();
    }
  });

  it('rotates the token: the old URL stops working, the new one works', async () => {
    const therapist = await createBookableTherapist(ctx);
    const before = await feedOf(therapist);
    const rotated = await ctx.http
      .post(`/therapists/${therapist.therapistId}/calendar-feed/rotate`)
      .set(therapist.session.auth)
      .expect(200);
    expect(rotated.body.token).not.toBe(before.token);
    expect(rotated.body.url.endsWith(`?token=${rotated.body.token}`)).toBe(true);
    await ctx.http.get(`/therapists/${therapist.therapistId}/calendar.ics?token=${before.token}`).expect(404);
    await ctx.http.get(`/therapists/${therapist.therapistId}/calendar.ics?token=${rotated.body.token}`).expect(200);
    expect((await feedOf(therapist)).token).toBe(rotated.body.token);
    expect(
      await ctx.prisma.auditLog.count({ where: { action: 'calendar-feed.rotated', entityId: therapist.therapistId } }),
    ).toBe(1);
  });

  it('shows and rotates the feed for that therapist only: 403 for others, 404 for an unknown therapist', async () => {
    const therapist = await createBookableTherapist(ctx);
    const other = await registerUser(ctx, 'therapist');
    const client = await registerUser(ctx, 'client');
    const base = `/therapists/${therapist.therapistId}/calendar-feed`;
    await ctx.http.get(base).set(other.auth).expect(403);
    await ctx.http.get(base).set(client.auth).expect(403);
    await ctx.http.post(`${base}/rotate`).set(other.auth).expect(403);
    await ctx.http.get(base).expect(401);
    await ctx.http.get('/therapists/nobody/calendar-feed').set(other.auth).expect(404);
  });
});
