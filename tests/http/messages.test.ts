// Messages end to end: changes made through the API, the outbox relayed by a real worker on pg-boss, mail
// delivered to a real SMTP server in this process. The app's clock runs a month behind the real one, so every
// job the relay schedules from app times (reminders, pending expiry) is already due for the queue.
import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/lib/clock.ts';
import { startBackgroundWork, type BackgroundWork } from '../../src/jobs/background-work.ts';
import { createMailTransport } from '../../src/modules/messages/mail-transport.ts';
import { createNotificationJobs } from '../../src/modules/notifications/notification.jobs.ts';
import { createTestApp, ownDatabaseUrl, type TestContext } from '../helpers/app.ts';
import { BOOKING_TEST_ENV, bookAppointment, createBookableTherapist } from '../helpers/booking.ts';
import { createAdmin, registerUser } from '../helpers/factories.ts';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../helpers/smtp-sink.ts';
import { certificationBody, submitCertification } from '../helpers/therapists.ts';

const NOW = DateTime.utc().minus({ days: 30 }).startOf('hour');
/** 10:00 in Berlin, `days` after the app's now. */
const berlinAt = (days: number, hour = 10) =>
  NOW.setZone('Europe/Berlin').plus({ days }).set({ hour, minute: 0, second: 0, millisecond: 0 });

/** 10:00 in Berlin, `days` after the real now. */
const NOW_REAL_BERLIN_IN = (days: number) =>
  DateTime.now().setZone('Europe/Berlin').plus({ days }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 }).toISO()!;

describe('messages', () => {
  const clock = new ManualClock(NOW.toJSDate());
  let ctx: TestContext & { close(): Promise<void> };
  let sink: SmtpSink;
  let worker: BackgroundWork | undefined;

  beforeAll(async () => {
    sink = await startSmtpSink();
    ctx = await createTestApp({
      clock,
      databaseUrl: await ownDatabaseUrl('messages'),
      env: { ...BOOKING_TEST_ENV, PUBLIC_BASE_URL: 'https://practice.example', REMINDER_LEADS: '24h,2h' },
    });
  });
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
  });
  afterAll(async () => {
    await ctx?.close();
    await sink?.close();
  });

  async function runWorker() {
    worker = await startBackgroundWork({
      core: { prisma: ctx.prisma, clock, config: ctx.config },
      databaseUrl: ctx.config.DATABASE_URL!,
      queuePoolSize: 2,
      transport: createMailTransport({ smtpUrl: sink.url, from: 'Kneadful <no-reply@practice.example>', dataDir: '/nonexistent' }, () => {}),
      log: { info: () => {}, warn: () => {} },
      idleMilliseconds: 50,
    });
  }

  /** Waits until every message about these appointments is sent, failed or skipped; returns their log rows. */
  async function settled(appointmentIds: string[], timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rows = await ctx.prisma.notification.findMany({ where: { subjectId: { in: appointmentIds } }, orderBy: { sendAt: 'asc' } });
      const events = await ctx.prisma.domainEvent.count({ where: { subjectId: { in: appointmentIds }, publishedAt: null } });
      if (events === 0 && rows.length > 0 && rows.every((row) => row.status !== 'PENDING')) return rows;
      if (Date.now() > deadline) throw new Error(`messages not settled: ${JSON.stringify(rows.map((row) => [row.kind, row.status]))}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  const mailTo = (email: string, subjectPart: string): ReceivedMail[] =>
    sink.received.filter((mail) => mail.to.includes(email) && mail.subject.includes(subjectPart));

  it('tells the therapist of a booking and sends the client the confirmation with an invite, in local time', async () => {
    const therapist = await createBookableTherapist(ctx, { name: 'Ana Therapist' });
    const startsAt = berlinAt(3);
    const { client, appointment } = await bookAppointment(ctx, therapist.therapistId, startsAt.toISO()!, clock.now());
    await ctx.http.post(`/appointments/${appointment.id}/confirm`).set(therapist.session.auth).send({}).expect(200);
    await runWorker();
    const rows = await settled([appointment.id]);

    // Confirmed before the worker ran: the therapist needs no word of a request they have already accepted.
    expect(rows.map((row) => [row.kind, row.variant, row.status])).toEqual([
      ['appointment-requested', '', 'SKIPPED'],
      ['appointment-confirmed', '', 'SENT'],
      ['appointment-reminder', '24h', 'SENT'],
      ['appointment-reminder', '2h', 'SENT'],
    ]);
    expect(mailTo(therapist.session.user.email, '')).toEqual([]);

    const confirmations = mailTo(client.user.email, 'Confirmed');
    expect(confirmations).toHaveLength(1);
    const confirmation = confirmations[0]!;
    expect(confirmation.text).toContain('10:00–11:00 (Europe/Berlin)');
    expect(confirmation.text).toContain(`https://practice.example/appointments/${appointment.id}`);
    expect(confirmation.text).toContain('Ana Therapist');
    expect(confirmation.calendar).toContain('\r\nMETHOD:REQUEST\r\n');
    expect(confirmation.calendar).toContain(`\r\nUID:appointment-${appointment.id}@kneadful\r\n`);
    expect(confirmation.calendar).toContain('\r\nSEQUENCE:0\r\n');
    expect(confirmation.calendar).toContain(`\r\nDTSTART:${startsAt.toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'")}\r\n`);

    const own = await ctx.http.get('/me/notifications').set(client.auth).expect(200);
    expect(own.body.items.map((item: { kind: string; status: string }) => `${item.kind}:${item.status}`).sort()).toEqual([
      'appointment-confirmed:sent',
      'appointment-reminder:sent',
      'appointment-reminder:sent',
    ]);
    expect(JSON.stringify(own.body)).not.toContain('Ana Therapist');
  });

  it('reminds of a moved session at its new time only, and never of a cancelled one', async () => {
    const therapist = await createBookableTherapist(ctx);
    const cancelled = await bookAppointment(ctx, therapist.therapistId, berlinAt(4).toISO()!, clock.now());
    await ctx.http.post(`/appointments/${cancelled.appointment.id}/cancel`).set(cancelled.client.auth).send({}).expect(200);
    const moved = await bookAppointment(ctx, therapist.therapistId, berlinAt(5).toISO()!, clock.now());
    await ctx.http
      .post(`/appointments/${moved.appointment.id}/reschedule`)
      .set(moved.client.auth)
      .send({ startsAt: berlinAt(6, 14).toISO() })
      .expect(200);
    // Confirmed, so the pending expiry (already due by the queue's clock) leaves it alone.
    await ctx.http.post(`/appointments/${moved.appointment.id}/confirm`).set(therapist.session.auth).send({}).expect(200);
    await runWorker();

    const cancelledRows = await settled([cancelled.appointment.id]);
    expect(cancelledRows.filter((row) => row.kind === 'appointment-reminder').map((row) => [row.status, row.error])).toEqual([
      ['SKIPPED', 'not-upcoming'],
      ['SKIPPED', 'not-upcoming'],
    ]);
    const cancellation = mailTo(therapist.session.user.email, '').find((mail) => mail.calendar?.includes('METHOD:CANCEL'));
    expect(cancellation?.calendar).toContain(`UID:appointment-${cancelled.appointment.id}@kneadful`);
    expect(mailTo(cancelled.client.user.email, '')).toEqual([]);

    const movedRows = await settled([moved.appointment.id]);
    const reminders = movedRows.filter((row) => row.kind === 'appointment-reminder');
    expect(reminders.map((row) => [row.subjectVersion, row.variant, row.status])).toEqual([
      [1, '24h', 'SKIPPED'],
      [1, '2h', 'SKIPPED'],
      [2, '24h', 'SENT'],
      [2, '2h', 'SENT'],
    ]);
    const clientMail = mailTo(moved.client.user.email, '');
    const reminderMail = clientMail.filter((mail) => !mail.calendar && !/moved|confirmed/i.test(mail.subject));
    expect(reminderMail).toHaveLength(2);
    for (const mail of reminderMail) expect(mail.text).toContain('14:00–15:00 (Europe/Berlin)');
    const rescheduled = clientMail.find((mail) => mail.calendar?.includes('SEQUENCE:1'));
    expect(rescheduled?.calendar).toContain('METHOD:REQUEST');
  });

  it('tells a therapist of each certificate decision, and warns 30 and 7 days before a verified one runs out', async () => {
    const therapist = await registerUser(ctx, 'therapist', { name: 'Cert Therapist' });
    const admin = await createAdmin(ctx);
    // Both warnings fall due before the real now (the app's clock runs 30 days behind).
    const expiresOn = NOW.plus({ days: 35 }).toISODate()!;
    const verified = await submitCertification(ctx, therapist, certificationBody('licence', { expiresOn }));
    const rejected = await submitCertification(ctx, therapist, certificationBody('prenatal'));
    await ctx.http.post(`/admin/certifications/${verified}/verify`).set(admin.auth).expect(200);
    await ctx.http.post(`/admin/certifications/${rejected}/reject`).set(admin.auth).send({ reason: 'The scan is unreadable' }).expect(200);
    await runWorker();
    const rows = await settled([verified, rejected], 15_000);
    expect(rows.map((row) => [row.kind, row.variant, row.status])).toEqual([
      ['certification-decided', '', 'SENT'],
      ['certification-decided', '', 'SENT'],
      ['certification-expiring', '30d', 'SENT'],
      ['certification-expiring', '7d', 'SENT'],
    ]);
    const mail = mailTo(therapist.user.email, '');
    expect(mail.map((message) => message.subject).sort()).toEqual([
      'Certification not accepted: prenatal certification',
      'Certification verified: Massage therapy licence',
      expect.stringContaining('Massage therapy licence'),
      expect.stringContaining('Massage therapy licence'),
    ].sort());
    expect(mail.find((message) => message.subject.startsWith('Certification not accepted'))?.text).toContain('The scan is unreadable');
    expect(mail.filter((message) => message.text.includes(expiresOn) || message.text.includes('days'))).not.toHaveLength(0);
  });

  it('invites the client to review a completed session', async () => {
    const therapist = await createBookableTherapist(ctx);
    const startsAt = berlinAt(2);
    const { client, appointment } = await bookAppointment(ctx, therapist.therapistId, startsAt.toISO()!, clock.now());
    await ctx.http.post(`/appointments/${appointment.id}/confirm`).set(therapist.session.auth).send({}).expect(200);
    clock.set(startsAt.plus({ minutes: 70 }).toJSDate());
    try {
      await ctx.http.post(`/appointments/${appointment.id}/complete`).set(therapist.session.auth).expect(200);
    } finally {
      clock.set(NOW.toJSDate());
    }
    await runWorker();
    const rows = await settled([appointment.id]);
    expect(rows.find((row) => row.kind === 'review-invitation')?.status).toBe('SENT');
    const invitation = mailTo(client.user.email, '').find((message) => message.text.includes('/review'));
    expect(invitation?.text).toContain(`https://practice.example/appointments/${appointment.id}/review`);
  });

  it('records each failed delivery and ends a message FAILED with the error when its retries are spent', async () => {
    const refusing = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
      },
    });
    refusing.on('error', () => {});
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    try {
      const therapist = await createBookableTherapist(ctx);
      const { appointment } = await bookAppointment(ctx, therapist.therapistId, berlinAt(8).toISO()!, clock.now());
      await ctx.http.post(`/appointments/${appointment.id}/confirm`).set(therapist.session.auth).send({}).expect(200);
      // Publish the events without running the queue, then call the job handler as the queue would.
      await runWorker();
      await worker!.stop();
      worker = undefined;
      const confirmation = await ctx.prisma.notification.findFirstOrThrow({
        where: { subjectId: appointment.id, kind: 'appointment-confirmed' },
      });
      await ctx.prisma.notification.update({ where: { id: confirmation.id }, data: { status: 'PENDING', attempts: 0 } });
      const port = (refusing.server.address() as AddressInfo).port;
      const jobs = createNotificationJobs({
        prisma: ctx.prisma,
        clock,
        transport: createMailTransport({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'Kneadful <no-reply@practice.example>', dataDir: '/x' }, () => {}),
        config: ctx.config,
      });
      const data = { notificationId: confirmation.id };
      await expect(jobs.sendMessage(data, { retryCount: 0, retryLimit: 2 })).rejects.toThrow(/mailbox unavailable/);
      expect(await ctx.prisma.notification.findUniqueOrThrow({ where: { id: confirmation.id } })).toMatchObject({
        status: 'PENDING',
        attempts: 1,
        error: expect.stringMatching(/mailbox unavailable/),
      });
      await expect(jobs.sendMessage(data, { retryCount: 2, retryLimit: 2 })).rejects.toThrow();
      const failed = await ctx.prisma.notification.findUniqueOrThrow({ where: { id: confirmation.id } });
      expect([failed.status, failed.attempts, failed.sentAt]).toEqual(['FAILED', 2, null]);
      const admin = await createAdmin(ctx);
      const listed = await ctx.http.get('/admin/notifications?status=failed').set(admin.auth).expect(200);
      expect(listed.body.items.find((item: { id: string }) => item.id === confirmation.id)).toMatchObject({
        status: 'failed',
        attempts: 2,
        error: expect.stringMatching(/mailbox unavailable/),
      });
    } finally {
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
  });

  it('tells the therapist of a booking that waits for them, with a link to it', async () => {
    // By the real clock this time: the booking's reminders and expiry lie ahead, so it is still PENDING when sent.
    clock.set(DateTime.utc().startOf('hour').toJSDate());
    try {
      const therapist = await createBookableTherapist(ctx);
      const startsAt = NOW_REAL_BERLIN_IN(3);
      const { client, appointment } = await bookAppointment(ctx, therapist.therapistId, startsAt, clock.now());
      await runWorker();
      const deadline = Date.now() + 30_000;
      let request: ReceivedMail | undefined;
      while (!(request = mailTo(therapist.session.user.email, '')[0])) {
        if (Date.now() > deadline) throw new Error('no request reached the therapist');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(request.text).toContain(`https://practice.example/appointments/${appointment.id}`);
      expect(request.text).toContain(client.user.name);
      expect(request.calendar).toBeUndefined();
      const rows = await ctx.prisma.notification.findMany({ where: { subjectId: appointment.id }, orderBy: { sendAt: 'asc' } });
      expect(rows.map((row) => [row.kind, row.status])).toEqual([
        ['appointment-requested', 'SENT'],
        ['appointment-reminder', 'PENDING'],
        ['appointment-reminder', 'PENDING'],
      ]);
    } finally {
      clock.set(NOW.toJSDate());
    }
  });

  it('cancels a booking nobody confirmed in time and tells both sides it was not late', async () => {
    const therapist = await createBookableTherapist(ctx);
    const { client, appointment } = await bookAppointment(ctx, therapist.therapistId, berlinAt(7).toISO()!, clock.now());
    // Past the 48-hour expiry by the app's clock, which the expiry job trusts the queue to have waited for.
    await runWorker();
    const deadline = Date.now() + 30_000;
    while ((await ctx.prisma.appointment.findUniqueOrThrow({ where: { id: appointment.id } })).status !== 'CANCELLED') {
      if (Date.now() > deadline) throw new Error('the pending booking was not expired');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const rows = await settled([appointment.id]);
    const stored = await ctx.prisma.appointment.findUniqueOrThrow({ where: { id: appointment.id } });
    expect([stored.lateCancellation, stored.cancelledById, stored.cancellationReason]).toEqual([false, null, 'pending-expired']);
    expect(rows.filter((row) => row.kind === 'appointment-cancelled').map((row) => row.status)).toEqual(['SENT', 'SENT']);
    const toClient = mailTo(client.user.email, '').find((mail) => mail.calendar?.includes('METHOD:CANCEL'));
    expect(toClient?.text).toMatch(/not confirmed in time/i);
    const audit = await ctx.prisma.auditLog.findFirst({ where: { entityId: appointment.id, action: 'appointment.cancelled' } });
    expect(audit?.actorId).toBeNull();
  });
});
