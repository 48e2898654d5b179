// npm run bench — seeds a realistic practice into a dedicated database, starts the server as a child process and
// drives it over loopback with autocannon. Prints a table and writes bench/results/latest.json. Not part of npm test.
//
// Environment: BENCH_DATABASE_SERVER_URL (default postgresql://postgres@127.0.0.1:5432/postgres),
// BENCH_SECONDS per scenario (default 10), BENCH_CONNECTIONS (default 10), BENCH_SKIP_MILLION=1 to skip the
// 1 000 000-appointment scaling point. The server reads the app's own variables too: DATABASE_STATEMENT_CACHE_SIZE=0
// measures it without prepared statements.
//
// After every seeding the database is settled (VACUUM ANALYZE, CHECKPOINT; see bench/seed.ts), as a database at
// rest would be, so that no measurement pays for a bulk load that just happened.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { DateTime } from 'luxon';
import pg from 'pg';
import { configSchema } from '../src/config.ts';
import { hashPassword } from '../src/lib/passwords.ts';
import { createPrismaClient } from '../src/db/connection.ts';
import { databaseUrl, resetDatabase } from './database.ts';
import { replaceAppointments, seedPractice, type PracticeSize } from './seed.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const WARM_UP_SECONDS = 3;
const PRACTICE: PracticeSize = { therapists: 200, clients: 800 };
const BOOKING_CLIENTS = 500;
const MASSAGE_TYPE = 'swedish';
const DURATION = 60;
const PASSWORD = 'benchmark-password';

interface ScenarioResult {
  scenario: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  statusCounts: Record<string, number>;
  ratioOfCeiling?: number;
  note?: string;
}

async function startServer(url: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'server.ts')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: url,
      PORT: String(port),
      JWT_SECRET: 'benchmark-secret-benchmark-secret-benchmark',
      PASSWORD_HASH_COST: '10',
      DATABASE_POOL_SIZE: '20',
      LOGIN_MAX_FAILURES_PER_IP: '1000000',
      // Each benchmark client books many sessions that stay PENDING: the per-client limit would refuse them.
      MAX_PENDING_BOOKINGS_PER_CLIENT: '1000',
      // autocannon keeps using a connection after the server's "Connection: close", so the per-socket limit
      // (which well-behaved clients and proxies honour by reconnecting) would turn into 503s here.
      HTTP_MAX_REQUESTS_PER_SOCKET: '0',
      // All the load comes from one address: the per-address limits would refuse it. Their counters still run,
      // so their cost is measured.
      RATE_LIMIT_REGISTER: '1000000000/1m',
      RATE_LIMIT_SCREENING_PREVIEW: '1000000000/1m',
      RATE_LIMIT_THERAPIST_SLOTS: '1000000000/1m',
      RATE_LIMIT_SLOT_SEARCH: '1000000000/1m',
      SEED_DEMO_DATA: 'false',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('listening')) resolve();
    });
  });
  return child;
}

function summarise(scenario: string, result: autocannon.Result, note?: string): ScenarioResult {
  const statusCounts: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) statusCounts[code] = stats.count ?? 0;
  return {
    scenario,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts + result['5xx'],
    statusCounts,
    ...(note ? { note } : {}),
  };
}

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) throw new Error(`${response.url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index] as T, index);
      }
    }),
  );
  return results;
}

interface BenchClient {
  token: string;
  screeningId: string;
  busy: { start: number; end: number }[];
}

async function prepareClients(base: string, count: number): Promise<BenchClient[]> {
  return mapLimited(Array.from({ length: count }, (_, i) => i), 8, async (i) => {
    const { token } = await json<{ token: string }>(
      await fetch(`${base}/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `booker${i}-${Date.now()}@bench.test`, password: PASSWORD, name: `Booker ${i}`, role: 'client' }),
      }),
    );
    const screening = await json<{ id: string }>(
      await fetch(`${base}/screenings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ answers: {} }),
      }),
    );
    return { token, screeningId: screening.id, busy: [] };
  });
}

interface PlannedBooking {
  therapistId: string;
  startsAt: string;
  client: BenchClient;
}

/**
 * Free slots that can all be booked at once: per therapist, starts at least a session plus buffer apart; per client,
 * never overlapping (each client's sessions are tracked and the first client free at that time takes the slot).
 */
async function planBookings(base: string, therapistIds: string[], clients: BenchClient[], from: string, to: string) {
  const plan: PlannedBooking[] = [];
  const slotLists = await mapLimited(therapistIds, 8, async (therapistId) => {
    const body = await json<{ days: { slots: { startsAt: string }[] }[] }>(
      await fetch(`${base}/therapists/${therapistId}/slots?massageType=${MASSAGE_TYPE}&duration=${DURATION}&from=${from}&to=${to}`),
    );
    return { therapistId, starts: body.days.flatMap((day) => day.slots.map((slot) => slot.startsAt)) };
  });
  for (const { therapistId, starts } of slotLists) {
    let lastEnd = 0;
    for (const startsAt of starts) {
      const start = Date.parse(startsAt);
      if (start < lastEnd + 15 * 60_000) continue;
      const end = start + DURATION * 60_000;
      const client = clients.find((candidate) => candidate.busy.every((range) => range.end <= start || range.start >= end));
      if (!client) continue;
      client.busy.push({ start, end });
      plan.push({ therapistId, startsAt, client });
      lastEnd = end;
    }
  }
  return plan;
}

function runAutocannon(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

async function slotsScenario(base: string, therapistIds: string[], from: string, to: string, seconds: number) {
  let i = 0;
  return runAutocannon({
    url: base,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          path: `/therapists/${therapistIds[i++ % therapistIds.length]}/slots?massageType=${MASSAGE_TYPE}&duration=${DURATION}&from=${from}&to=${to}`,
        }),
      },
    ],
  });
}

async function main() {
  const started = Date.now();
  const log = (message: string) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);
  const url = await resetDatabase('kneadful_bench');
  const seedClient = new pg.Client({ connectionString: url });
  await seedClient.connect();
  await seedPractice(seedClient, PRACTICE, await hashPassword(PASSWORD, 10));
  log(`seeded ${PRACTICE.therapists} therapists and ${PRACTICE.clients} clients`);
  log(`seeded ${await replaceAppointments(seedClient, 100_000, PRACTICE)} appointments`);

  const port = 39_000 + Math.floor(Math.random() * 1000);
  const base = `http://127.0.0.1:${port}`;
  const server = await startServer(url, port);
  const results: ScenarioResult[] = [];
  const scaling: Record<string, number> = {};
  try {
    const therapistIds = Array.from({ length: PRACTICE.therapists }, (_, i) => `bench-tp-${i + 1}`);
    const today = DateTime.utc().startOf('day');
    const from = today.plus({ days: 3 }).toISODate();
    const to = today.plus({ days: 16 }).toISODate();
    const searchDate = today.plus({ days: 10 }).set({ weekday: 3 }).plus({ weeks: 1 }).toISODate();
    if (!from || !to || !searchDate) throw new Error('bad dates');

    // Unmeasured warm-up of every read path: a fresh process opens its pool connections and compiles its hot code
    // in the first seconds, and whichever scenario ran first used to pay for it (the ceiling, measured at a fifth
    // of its warm rate in 5-second runs, which flattered every ratio).
    const ceilingOptions = { url: `${base}/__bench/ceiling`, connections: CONNECTIONS };
    const searchOptions = {
      url: `${base}/slots?massageType=${MASSAGE_TYPE}&duration=${DURATION}&date=${searchDate}`,
      connections: CONNECTIONS,
    };
    await runAutocannon({ ...ceilingOptions, duration: WARM_UP_SECONDS });
    await slotsScenario(base, therapistIds, from, to, WARM_UP_SECONDS);
    await runAutocannon({ ...searchOptions, duration: WARM_UP_SECONDS });
    log('warmed up');

    const ceiling = summarise('1 ceiling: one trivial query', await runAutocannon({ ...ceilingOptions, duration: SECONDS }));
    results.push(ceiling);
    log('ceiling done');
    results.push(summarise('2 GET /therapists/:id/slots (14 days)', await slotsScenario(base, therapistIds, from, to, SECONDS)));
    log('slots done');
    results.push(
      summarise(
        '3 GET /slots (one day, all therapists)',
        await runAutocannon({ ...searchOptions, duration: SECONDS }),
      ),
    );
    log('search done');

    const clients = await prepareClients(base, BOOKING_CLIENTS);
    const bookingFrom = today.plus({ days: 30 }).toISODate();
    const bookingTo = today.plus({ days: 43 }).toISODate();
    if (!bookingFrom || !bookingTo) throw new Error('bad dates');
    const plan = await planBookings(base, therapistIds, clients, bookingFrom, bookingTo);
    log(`planned ${plan.length} distinct free bookings for ${clients.length} clients`);
    if (plan.length === 0) throw new Error('no free slots to book: the seeded practice is fully booked');
    let nextBooking = 0;
    const bookingRun = await runAutocannon({
      url: base,
      connections: CONNECTIONS,
      amount: plan.length,
      requests: [
        {
          method: 'POST',
          setupRequest: (request) => {
            const booking = plan[nextBooking++];
            if (!booking) return request;
            return {
              ...request,
              path: '/appointments',
              headers: {
                'content-type': 'application/json',
                authorization: `Bearer ${booking.client.token}`,
                'idempotency-key': `bench-${nextBooking}-${booking.startsAt}`,
              },
              body: JSON.stringify({
                therapistId: booking.therapistId,
                massageType: MASSAGE_TYPE,
                durationMinutes: DURATION,
                startsAt: booking.startsAt,
                screeningId: booking.client.screeningId,
              }),
            };
          },
        },
      ],
    });
    results.push(summarise('4 POST /appointments (distinct free slots)', bookingRun, `${plan.length} bookings attempted`));
    log('bookings done');

    // 5: everyone at once for the same slot; exactly one may win.
    // The week after scenario 4's range, which that scenario has left untouched.
    const contestFrom = today.plus({ days: 44 }).toISODate();
    const contestTo = today.plus({ days: 50 }).toISODate();
    if (!contestFrom || !contestTo) throw new Error('bad dates');
    const contested = await planBookings(base, ['bench-tp-7'], [{ ...clients[0]!, busy: [] }], contestFrom, contestTo);
    const target = contested[0];
    if (!target) throw new Error('no free slot left for the contention scenario');
    const contestStarted = performance.now();
    const statuses = await Promise.all(
      clients.map(async (client, index) => {
        const response = await fetch(`${base}/appointments`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${client.token}`, 'idempotency-key': `contest-${index}` },
          body: JSON.stringify({ therapistId: target.therapistId, massageType: MASSAGE_TYPE, durationMinutes: DURATION, startsAt: target.startsAt, screeningId: client.screeningId }),
        });
        await response.arrayBuffer();
        return response.status;
      }),
    );
    const contestMs = performance.now() - contestStarted;
    const counts: Record<string, number> = {};
    for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
    results.push({
      scenario: `5 contention: ${clients.length} concurrent bookings of one slot`,
      requestsPerSecond: Math.round((clients.length / contestMs) * 1000),
      p50Ms: Math.round(contestMs),
      p99Ms: Math.round(contestMs),
      errors: statuses.filter((status) => status >= 500).length,
      statusCounts: counts,
      note: counts['201'] === 1 ? 'exactly one success' : `EXPECTED ONE SUCCESS, GOT ${counts['201'] ?? 0}`,
    });
    log('contention done');

    for (const size of process.env.BENCH_SKIP_MILLION ? [10_000] : [10_000, 1_000_000]) {
      const inserted = await replaceAppointments(seedClient, size, PRACTICE);
      const run = await slotsScenario(base, therapistIds, from, to, Math.max(5, Math.round(SECONDS / 2)));
      scaling[`p50 slots (14 days) at ${inserted.toLocaleString('en')} appointments`] = run.latency.p50;
      log(`scaling point ${inserted} done (p50 ${run.latency.p50} ms)`);
    }
  } finally {
    server.kill('SIGTERM');
    await seedClient.end();
  }

  const ceilingRate = results[0]?.requestsPerSecond ?? 1;
  for (const result of results.slice(1, 4)) result.ratioOfCeiling = Number((result.requestsPerSecond / ceilingRate).toFixed(3));

  const statementCacheSize = configSchema.shape.DATABASE_STATEMENT_CACHE_SIZE.parse(process.env.DATABASE_STATEMENT_CACHE_SIZE || undefined);
  const statementCache = `, statement cache ${statementCacheSize}`;
  console.log(`\nKneadful benchmark — ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, ${CONNECTIONS} connections, ${SECONDS}s per scenario${statementCache}\n`);
  console.table(
    results.map((result) => ({
      scenario: result.scenario,
      'req/s': result.requestsPerSecond,
      'p50 ms': result.p50Ms,
      'p99 ms': result.p99Ms,
      errors: result.errors,
      statuses: Object.entries(result.statusCounts).map(([code, count]) => `${code}:${count}`).join(' '),
      'of ceiling': result.ratioOfCeiling ?? '',
    })),
  );
  console.table(scaling);
  const report = {
    at: new Date().toISOString(),
    machine: { cores: cpus().length, cpu: cpus()[0]?.model, node: process.version },
    settings: {
      secondsPerScenario: SECONDS,
      connections: CONNECTIONS,
      practice: PRACTICE,
      statementCacheSize,
    },
    results,
    scaling,
  };
  await mkdir(join(import.meta.dirname, 'results'), { recursive: true });
  await writeFile(join(import.meta.dirname, 'results', 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(JSON.stringify(report));
  log('wrote bench/results/latest.json');
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
