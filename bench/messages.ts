// `npm run bench:messages`: 10,000 reminders falling due in the same minute, delivered by two worker processes
// (src/worker.ts, as deployed) to an SMTP server in this process. Prints messages/s, the delay after the due
// time (p50, p99), duplicates and missing, and writes bench/results/messages.json.
// Environment: BENCH_MESSAGES (default 10000), BENCH_WORKERS (default 2), BENCH_DATABASE_SERVER_URL.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { poolConfigFromUrl } from '../src/db/connection.ts';
import { QUEUES, startJobQueue } from '../src/jobs/job-queue.ts';
import { resetDatabase } from './database.ts';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 10_000);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const THERAPISTS = 100;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function seed(url: string, due: Date): Promise<void> {
  const db = new pg.Client(poolConfigFromUrl(url));
  await db.connect();
  // Therapist j's k-th session starts k hours after the due time plus a day; its reminder's lead is (24 + k) hours,
  // so every reminder falls due at the same instant while no two sessions of a therapist overlap.
  await db.query(
    `INSERT INTO "User" (id, email, "passwordHash", name, role, "createdAt", "updatedAt")
     SELECT 'mt-' || j, 'therapist' || j || '@bench.test', 'x', 'Therapist ' || j, 'THERAPIST', now(), now()
       FROM generate_series(1, $1::int) j`,
    [THERAPISTS],
  );
  await db.query(
    `INSERT INTO "TherapistProfile" (id, "userId", "timeZone", "calendarToken", "createdAt", "updatedAt")
     SELECT 'mtp-' || j, 'mt-' || j, 'Europe/Berlin', gen_random_uuid()::text, now(), now() FROM generate_series(1, $1::int) j`,
    [THERAPISTS],
  );
  await db.query(
    `INSERT INTO "User" (id, email, "passwordHash", name, role, "createdAt", "updatedAt")
     SELECT 'mc-' || i, 'client' || i || '@bench.test', 'x', 'Client ' || i, 'CLIENT', now(), now()
       FROM generate_series(0, $1::int - 1) i`,
    [MESSAGES],
  );
  await db.query(
    `INSERT INTO "Appointment" (id, "clientId", "therapistId", "massageTypeId", "durationMinutes", "startsAt", "endsAt",
                                "blockedUntil", status, "priceCents", currency, "createdAt", "updatedAt")
     SELECT 'ma-' || i, 'mc-' || i, 'mtp-' || (1 + i % $2::int), mt.id, 60,
            $3::timestamptz + make_interval(hours => 24 + i / $2::int),
            $3::timestamptz + make_interval(hours => 24 + i / $2::int, mins => 60),
            $3::timestamptz + make_interval(hours => 24 + i / $2::int, mins => 60),
            'CONFIRMED', 7000, 'EUR', now(), now()
       FROM generate_series(0, $1::int - 1) i JOIN "MassageType" mt ON mt.slug = 'swedish'`,
    [MESSAGES, THERAPISTS, due],
  );
  await db.query(
    `INSERT INTO "Notification" (id, kind, "recipientId", "subjectType", "subjectId", "subjectVersion", variant, "sendAt",
                                 "createdAt", "updatedAt")
     SELECT 'mn-' || i, 'appointment-reminder', 'mc-' || i, 'Appointment', 'ma-' || i, 1, (24 + i / $2::int) || 'h',
            $3::timestamptz, now(), now()
       FROM generate_series(0, $1::int - 1) i`,
    [MESSAGES, THERAPISTS, due],
  );
  const queue = await startJobQueue({ databaseUrl: url, poolSize: 2, jobTimeoutSeconds: 120, onError: () => {} });
  const executor = { executeSql: async (text: string, values: unknown[]) => db.query(text, values) };
  for (let start = 0; start < MESSAGES; start += 1_000) {
    const jobs = Array.from({ length: Math.min(1_000, MESSAGES - start) }, (_, offset) => ({
      queue: QUEUES.sendMessage.name,
      data: { notificationId: `mn-${start + offset}` },
      startAfter: due,
    }));
    await queue.add(executor, jobs);
  }
  await queue.stop();
  await db.end();
}

async function main() {
  const url = await resetDatabase('kneadful_bench_messages');
  const received: { messageId: string; at: number }[] = [];
  const sink = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const messageId = /^Message-ID: (.*)$/im.exec(Buffer.concat(chunks).toString('utf8'))?.[1]?.trim() ?? '';
        received.push({ messageId, at: Date.now() });
        callback();
      });
    },
  });
  sink.on('error', () => {});
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const smtpUrl = `smtp://127.0.0.1:${(sink.server.address() as AddressInfo).port}`;

  // Workers first, so their start-up is not counted: the reminders fall due 20 s after seeding begins.
  const due = new Date(Date.now() + 20_000);
  const workers: ChildProcess[] = Array.from({ length: WORKERS }, () =>
    spawn(process.execPath, ['--import', 'tsx', 'src/worker.ts'], {
      cwd: join(import.meta.dirname, '..'),
      env: { ...process.env, DATABASE_URL: url, SMTP_URL: smtpUrl, LOG_LEVEL: 'warn', DATABASE_POOL_SIZE: '10' },
      stdio: ['ignore', 'ignore', 'inherit'],
    }),
  );
  const seeding = Date.now();
  await seed(url, due);
  console.log(`seeded ${MESSAGES} reminders due at ${due.toISOString()} in ${((Date.now() - seeding) / 1000).toFixed(1)} s`);

  const db = new pg.Client(poolConfigFromUrl(url));
  await db.connect();
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    const { rows } = await db.query<{ pending: number }>(`SELECT count(*)::int AS pending FROM "Notification" WHERE status = 'PENDING'`);
    if (rows[0]!.pending === 0 || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const { rows: states } = await db.query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM "Notification" GROUP BY 1`);
  const { rows: sentRows } = await db.query<{ providerId: string }>(`SELECT "providerId" FROM "Notification" WHERE status = 'SENT'`);
  await db.end();
  for (const worker of workers) worker.kill('SIGTERM');
  await new Promise<void>((resolve) => sink.close(() => resolve()));

  const sent = new Set(sentRows.map((row) => row.providerId));
  const delays = received.map((mail) => mail.at - due.getTime()).sort((a, b) => a - b);
  const first = Math.min(...received.map((mail) => mail.at));
  const last = Math.max(...received.map((mail) => mail.at));
  const result = {
    messages: MESSAGES,
    workers: WORKERS,
    received: received.length,
    sent: sent.size,
    missing: MESSAGES - sent.size,
    duplicates: received.length - new Set(received.map((mail) => mail.messageId)).size + received.filter((mail) => !sent.has(mail.messageId)).length,
    messagesPerSecond: Math.round((received.length / Math.max(1, last - first)) * 1000),
    delayAfterDueMs: { p50: percentile(delays, 50), p99: percentile(delays, 99), max: delays.at(-1) ?? NaN },
    states: Object.fromEntries(states.map((row) => [row.status, row.n])),
  };
  console.log(JSON.stringify(result, null, 2));
  await mkdir(join(import.meta.dirname, 'results'), { recursive: true });
  await writeFile(join(import.meta.dirname, 'results', 'messages.json'), `${JSON.stringify(result, null, 2)}\n`);
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
