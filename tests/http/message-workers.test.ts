// Several worker processes over one database, as deployments run them: real child processes (`src/worker.ts`),
// pg-boss between them, a real SMTP server in this process. Each message must be sent once, and a worker killed
// in the middle of its work must lose nothing.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/lib/clock.ts';
import { createTestApp, ownDatabaseUrl, type TestContext } from '../helpers/app.ts';
import { BOOKING_TEST_ENV, bookAppointment, createBookableTherapist } from '../helpers/booking.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';

const ROOT = resolve(import.meta.dirname, '../..');
// A month behind the real clock: every reminder the relay schedules is already due for the queue.
const NOW = DateTime.utc().minus({ days: 30 }).startOf('hour');
const JOB_TIMEOUT_SECONDS = 4;

describe('worker processes', () => {
  const clock = new ManualClock(NOW.toJSDate());
  let ctx: TestContext & { close(): Promise<void> };
  let sink: SmtpSink;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    // Each message takes the server 15 ms to accept, so a batch is still in flight when a worker is killed.
    sink = await startSmtpSink({ delayMs: 15 });
    ctx = await createTestApp({
      clock,
      databaseUrl: await ownDatabaseUrl('workers'),
      env: { ...BOOKING_TEST_ENV, REMINDER_LEADS: '24h,2h', MAX_PENDING_BOOKINGS_PER_CLIENT: '1000' },
    });
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map(stopWorker));
  });
  afterAll(async () => {
    await ctx?.close();
    await sink?.close();
  });

  function startWorker(): ChildProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/worker.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: ctx.config.DATABASE_URL,
        SMTP_URL: sink.url,
        WORKER_JOB_TIMEOUT_SECONDS: String(JOB_TIMEOUT_SECONDS),
        REMINDER_LEADS: '24h,2h',
        DATABASE_POOL_SIZE: '4',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    workers.push(child);
    return child;
  }

  function stopWorker(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((done) => {
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
  }

  /** `count` confirmed bookings: each means a confirmation and two reminders to its client. */
  async function confirmedBookings(count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const therapist = await createBookableTherapist(ctx);
      const startsAt = NOW.setZone('Europe/Berlin').plus({ days: 3 }).set({ hour: 10, minute: 0 }).toISO()!;
      const { appointment } = await bookAppointment(ctx, therapist.therapistId, startsAt, clock.now());
      await ctx.http.post(`/appointments/${appointment.id}/confirm`).set(therapist.session.auth).send({}).expect(200);
      ids.push(appointment.id);
    }
    return ids;
  }

  async function waitUntil(condition: () => Promise<boolean>, what: string, timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) {
        const states = await ctx.prisma.notification.groupBy({ by: ['status'], _count: true });
        const unpublished = await ctx.prisma.domainEvent.count({ where: { publishedAt: null } });
        const jobs = await ctx.prisma.$queryRawUnsafe(`SELECT state::text, retry_count, count(*)::int AS n, min(start_after) AS start_after, now() AS now FROM pgboss.job WHERE name = 'send-message' GROUP BY 1, 2 UNION ALL SELECT 'archived-' || state, retry_count, count(*)::int, min(start_after), now() FROM pgboss.archive GROUP BY 1, 2`);
        console.log(JSON.stringify(jobs));
        throw new Error(`timed out waiting for ${what}: ${JSON.stringify(states)}, ${unpublished} events unpublished`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  const pendingOf = (ids: string[]) => ctx.prisma.notification.count({ where: { subjectId: { in: ids }, status: 'PENDING' } });

  /** What the SMTP server got against what the log says was sent. */
  async function tally(ids: string[]) {
    const sent = await ctx.prisma.notification.findMany({ where: { subjectId: { in: ids }, status: 'SENT' } });
    const logged = new Set(sent.map((row) => row.providerId));
    const received = sink.received.filter((mail) => mail.subject.length > 0);
    return { sent: sent.length, received: received.length, unlogged: received.filter((mail) => !logged.has(mail.messageId)).length };
  }

  it('sends each message once with two workers on one database', async () => {
    sink.received.length = 0;
    const ids = await confirmedBookings(20);
    startWorker();
    startWorker();
    await waitUntil(async () => (await ctx.prisma.notification.count({ where: { subjectId: { in: ids } } })) === 80 && (await pendingOf(ids)) === 0, 'all messages settled');
    const { sent, received, unlogged } = await tally(ids);
    expect(sent).toBe(60);
    expect(received).toBe(60);
    expect(unlogged).toBe(0);
  }, 120_000);

  it('loses no message when a worker is killed mid-batch, and re-sends at most what was in flight', async () => {
    sink.received.length = 0;
    const ids = await confirmedBookings(30);
    const doomed = startWorker();
    await waitUntil(async () => sink.received.length >= 10, 'the first worker to start sending', 60_000);
    doomed.kill('SIGKILL');
    await new Promise((resolve) => doomed.once('exit', resolve));
    const beforeRestart = sink.received.length;
    startWorker();
    await waitUntil(async () => (await pendingOf(ids)) === 0, "the second worker to finish", 40_000);
    const { sent, received, unlogged } = await tally(ids);
    // Figures for the issue: what was delivered before the kill, and the duplicates the kill caused.
    console.log(`killed worker: ${beforeRestart} delivered before SIGKILL; after restart ${sent} sent, ${received} received, ${unlogged} duplicates`);
    expect(sent).toBe(90);
    expect(received - sent).toBe(unlogged);
    // At most one round of sends (25 at once) was in flight when the worker died.
    expect(unlogged).toBeLessThanOrEqual(25);
  }, 180_000);
});
