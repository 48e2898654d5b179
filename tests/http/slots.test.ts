import { PrismaPg } from '@prisma/adapter-pg';
import supertest from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { poolConfigFromUrl } from '../../src/db/connection.ts';
import { PrismaClient } from '../../src/generated/prisma/client.ts';
import { ManualClock } from '../../src/lib/clock.ts';
import { testConfig, useTestApp, workerDatabaseUrl } from '../helpers/app.ts';
import { BOOKING_TEST_ENV, T0, bookAppointment, createBookableTherapist } from '../helpers/booking.ts';

/** '2026-12-01', '+01:00' → ['09:00', ...] → ISO strings as the API writes them. */
const at = (date: string, offset: string) => (times: string[]) => times.map((time) => `${date}T${time}:00.000${offset}`);
const startsOf = (body: { days: { date: string; slots: { startsAt: string }[] }[] }) =>
  Object.fromEntries(body.days.map((day) => [day.date, day.slots.map((slot) => slot.startsAt)]));
const HOURLY_9_TO_16 = ['09:00', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:00'];

describe('GET /therapists/:id/slots', () => {
  const clock = new ManualClock(T0);
  const ctx = useTestApp({ clock, env: BOOKING_TEST_ENV });
  beforeEach(() => clock.set(T0));
  const hourly = { policy: { slotStepMinutes: 60, bufferMinutes: 0 } };

  it("lists every date of the range with the free starts, in the therapist's zone by default", async () => {
    const { therapistId } = await createBookableTherapist(ctx, hourly);
    const response = await ctx.http
      .get(`/therapists/${therapistId}/slots?massageType=swedish&duration=60&from=2026-12-01&to=2026-12-02`)
      .expect(200);
    expect(response.body.timeZone).toBe('Europe/Berlin');
    expect(response.body.days[0].slots[0]).toEqual({
      startsAt: '2026-12-01T09:00:00.000+01:00',
      endsAt: '2026-12-01T10:00:00.000+01:00',
    });
    expect(startsOf(response.body)).toEqual({
      '2026-12-01': at('2026-12-01', '+01:00')(HOURLY_9_TO_16),
      '2026-12-02': at('2026-12-02', '+01:00')(HOURLY_9_TO_16),
    });
  });

  it('offers nothing before now plus the minimum notice', async () => {
    const { therapistId } = await createBookableTherapist(ctx, { policy: { slotStepMinutes: 60, minNoticeMinutes: 240 } });
    // 07:00 Berlin + 4 h: the first start is 11:00. The last is 15:00: 16:00 would need its buffer after 17:00.
    const response = await ctx.http
      .get(`/therapists/${therapistId}/slots?massageType=swedish&duration=60&from=2026-12-01&to=2026-12-01`)
      .expect(200);
    expect(startsOf(response.body)['2026-12-01']).toEqual(
      at('2026-12-01', '+01:00')(['11:00', '12:00', '13:00', '14:00', '15:00']),
    );
  });

  it("groups slots by the requested zone's dates and writes them with its offset", async () => {
    const { therapistId } = await createBookableTherapist(ctx, {
      ...hourly,
      weekly: [{ weekday: 3, start: '09:00', end: '12:00' }],
    });
    const response = await ctx.http
      .get(`/therapists/${therapistId}/slots?massageType=swedish&duration=60&from=2026-12-01&to=2026-12-02&tz=America/New_York`)
      .expect(200);
    expect(response.body.timeZone).toBe('America/New_York');
    expect(startsOf(response.body)).toEqual({
      '2026-12-01': [],
      '2026-12-02': at('2026-12-02', '-05:00')(['03:00', '04:00', '05:00']),
    });
  });

  it('keeps 09:00 local on both sides of the spring-forward change', async () => {
    const { therapistId } = await createBookableTherapist(ctx, {
      policy: { slotStepMinutes: 60, bufferMinutes: 0, horizonDays: 365 },
      weekly: [
        { weekday: 6, start: '09:00', end: '11:00' },
        { weekday: 7, start: '09:00', end: '11:00' },
      ],
    });
    const response = await ctx.http
      .get(`/therapists/${therapistId}/slots?massageType=swedish&duration=60&from=2027-03-27&to=2027-03-28`)
      .expect(200);
    expect(startsOf(response.body)).toEqual({
      '2027-03-27': at('2027-03-27', '+01:00')(['09:00', '10:00']),
      '2027-03-28': at('2027-03-28', '+02:00')(['09:00', '10:00']),
    });
  });

  it('leaves out starts whose session or buffer would overlap a booking, and time off', async () => {
    const { therapistId, session } = await createBookableTherapist(ctx, {
      policy: { slotStepMinutes: 30, bufferMinutes: 15 },
      weekly: [{ weekday: 4, start: '09:00', end: '14:30' }],
    });
    await bookAppointment(ctx, therapistId, '2026-12-03T10:30:00+01:00', T0);
    await ctx.http
      .post(`/therapists/${therapistId}/time-off`)
      .set(session.auth)
      .send({ startsAt: '2026-12-03T12:30:00+01:00', endsAt: '2026-12-03T13:00:00+01:00' })
      .expect(201);
    const response = await ctx.http
      .get(`/therapists/${therapistId}/slots?massageType=swedish&duration=60&from=2026-12-03&to=2026-12-03`)
      .expect(200);
    // 09:30 would end at 10:30 but its buffer reaches 10:45; the booking's buffer ends at 11:45, so 12:00 is the
    // first start after it, and time off from 12:30 rules out 12:00 (ends 13:00) while 13:00 fits (ends 14:00,
    // its buffer 14:15, inside hours until 14:30; 13:30 would need its buffer until 14:45).
    expect(startsOf(response.body)['2026-12-03']).toEqual(at('2026-12-03', '+01:00')(['09:00', '13:00']));
  });

  it("uses the type's shortest duration when none is given", async () => {
    const { therapistId } = await createBookableTherapist(ctx, {
      policy: { slotStepMinutes: 30, bufferMinutes: 0 },
      weekly: [{ weekday: 2, start: '09:00', end: '10:00' }],
    });
    const response = await ctx.http
      .get(`/therapists/${therapistId}/slots?massageType=swedish&from=2026-12-01&to=2026-12-01`)
      .expect(200);
    expect(response.body.days[0].slots).toEqual([
      { startsAt: '2026-12-01T09:00:00.000+01:00', endsAt: '2026-12-01T09:30:00.000+01:00' },
      { startsAt: '2026-12-01T09:30:00.000+01:00', endsAt: '2026-12-01T10:00:00.000+01:00' },
    ]);
  });

  it('refuses a range longer than 62 days and a range ending before it starts with 400', async () => {
    const { therapistId } = await createBookableTherapist(ctx);
    const tooLong = await ctx.http
      .get(`/therapists/${therapistId}/slots?massageType=swedish&duration=60&from=2026-12-01&to=2027-02-01`)
      .expect(400);
    expect(tooLong.body.errors).toEqual([
      { path: 'querystring.to', message: 'must be at most 62 days from fromDate, inclusive' },
    ]);
    await ctx.http
      .get(`/therapists/${therapistId}/slots?massageType=swedish&duration=60&from=2026-12-01&to=2027-01-31`)
      .expect(200);
    await ctx.http
      .get(`/therapists/${therapistId}/slots?massageType=swedish&duration=60&from=2026-12-02&to=2026-12-01`)
      .expect(400);
  });

  it('refuses malformed input with field errors: dates, zone, type and duration', async () => {
    const { therapistId } = await createBookableTherapist(ctx);
    const base = `/therapists/${therapistId}/slots`;
    const badDate = await ctx.http.get(`${base}?massageType=swedish&from=2026-02-30&to=2026-03-01`).expect(400);
    expect(badDate.body.errors.map((error: { path: string }) => error.path)).toEqual(['querystring.from']);
    const badZone = await ctx.http.get(`${base}?massageType=swedish&from=2026-12-01&to=2026-12-01&tz=Mars/Olympus`).expect(400);
    expect(badZone.body.errors.map((error: { path: string }) => error.path)).toEqual(['querystring.tz']);
    const unknownType = await ctx.http.get(`${base}?massageType=reiki&from=2026-12-01&to=2026-12-01`).expect(400);
    expect(unknownType.body).toMatchObject({ code: 'unknown-massage-type', errors: [{ path: 'querystring.massageType' }] });
    const badDuration = await ctx.http
      .get(`${base}?massageType=swedish&duration=45&from=2026-12-01&to=2026-12-01`)
      .expect(400);
    expect(badDuration.body).toMatchObject({
      code: 'duration-not-offered',
      errors: [{ path: 'querystring.duration', message: 'must be one of 30, 60, 90 for swedish' }],
    });
  });

  it('answers an unknown therapist with 404', async () => {
    const response = await ctx.http
      .get('/therapists/nobody/slots?massageType=swedish&from=2026-12-01&to=2026-12-01')
      .expect(404);
    expect(response.body.code).toBe('therapist-not-found');
  });

  it('answers 422 for a type the therapist does not offer or is not certified for', async () => {
    const notOffered = await createBookableTherapist(ctx, { massageTypes: ['swedish'] });
    const offeredNotCertified = await createBookableTherapist(ctx, {
      massageTypes: ['swedish', 'prenatal'],
      certifications: ['licence'],
    });
    const unlicensed = await createBookableTherapist(ctx, { certifications: [] });
    const query = (type: string) => `?massageType=${type}&from=2026-12-01&to=2026-12-01`;

    const a = await ctx.http.get(`/therapists/${notOffered.therapistId}/slots${query('prenatal')}`).expect(422);
    expect(a.body).toMatchObject({ code: 'massage-type-not-offered', massageType: 'prenatal' });
    const b = await ctx.http.get(`/therapists/${offeredNotCertified.therapistId}/slots${query('prenatal')}`).expect(422);
    expect(b.body).toMatchObject({ code: 'therapist-not-bookable', missing: 'prenatal' });
    const c = await ctx.http.get(`/therapists/${unlicensed.therapistId}/slots${query('swedish')}`).expect(422);
    expect(c.body).toMatchObject({ code: 'therapist-not-bookable', missing: 'licence' });
    // Not bookable is the answer before a duration the type lacks, as a booking of the same would hear.
    const d = await ctx.http.get(`/therapists/${notOffered.therapistId}/slots${query('prenatal')}&duration=50`).expect(422);
    expect(d.body).toMatchObject({ code: 'massage-type-not-offered' });
  });
});

describe('GET /slots', () => {
  const clock = new ManualClock(T0);
  const ctx = useTestApp({ clock, env: BOOKING_TEST_ENV });
  beforeEach(() => clock.set(T0));
  const oneHour = { policy: { slotStepMinutes: 60, bufferMinutes: 0 } };

  it('lists only therapists bookable for the type with free starts that day, earliest first', async () => {
    const late = await createBookableTherapist(ctx, { ...oneHour, weekly: [{ weekday: 4, start: '14:00', end: '16:00' }] });
    const early = await createBookableTherapist(ctx, { ...oneHour, weekly: [{ weekday: 4, start: '09:00', end: '10:00' }] });
    const unlicensed = await createBookableTherapist(ctx, { ...oneHour, certifications: [] });
    const otherType = await createBookableTherapist(ctx, { ...oneHour, massageTypes: ['shiatsu'] });
    const full = await createBookableTherapist(ctx, { ...oneHour, weekly: [{ weekday: 4, start: '11:00', end: '12:00' }] });
    await bookAppointment(ctx, full.therapistId, '2026-12-03T11:00:00+01:00', T0);
    const ours = new Set([late, early, unlicensed, otherType, full].map((therapist) => therapist.therapistId));

    const response = await ctx.http.get('/slots?massageType=swedish&duration=60&date=2026-12-03&tz=Europe/Berlin').expect(200);

    expect(response.body.date).toBe('2026-12-03');
    expect(response.body.timeZone).toBe('Europe/Berlin');
    const mine = response.body.items.filter((item: { therapistId: string }) => ours.has(item.therapistId));
    expect(mine).toEqual([
      {
        therapistId: early.therapistId,
        slots: [{ startsAt: '2026-12-03T09:00:00.000+01:00', endsAt: '2026-12-03T10:00:00.000+01:00' }],
      },
      {
        therapistId: late.therapistId,
        slots: [
          { startsAt: '2026-12-03T14:00:00.000+01:00', endsAt: '2026-12-03T15:00:00.000+01:00' },
          { startsAt: '2026-12-03T15:00:00.000+01:00', endsAt: '2026-12-03T16:00:00.000+01:00' },
        ],
      },
    ]);
  });

  it("reads the date in the requested zone, UTC by default", async () => {
    const therapist = await createBookableTherapist(ctx, { ...oneHour, weekly: [{ weekday: 4, start: '00:00', end: '02:00' }] });
    // Thursday 00:00–02:00 Berlin is Wednesday 23:00 to Thursday 01:00 UTC.
    const utc = await ctx.http.get('/slots?massageType=swedish&duration=60&date=2026-12-02').expect(200);
    const item = utc.body.items.find((entry: { therapistId: string }) => entry.therapistId === therapist.therapistId);
    expect(utc.body.timeZone).toBe('UTC');
    expect(item.slots).toEqual([{ startsAt: '2026-12-02T23:00:00.000Z', endsAt: '2026-12-03T00:00:00.000Z' }]);
  });

  it('refuses a missing date, an unknown type and a duration the type does not offer with 400', async () => {
    await ctx.http.get('/slots?massageType=swedish').expect(400);
    await ctx.http.get('/slots?massageType=reiki&date=2026-12-03').expect(400);
    await ctx.http.get('/slots?massageType=swedish&duration=45&date=2026-12-03').expect(400);
  });
});

describe('slot queries per request', () => {
  const clock = new ManualClock(T0);
  let queries = 0;
  let prisma: PrismaClient;
  let close: () => Promise<void>;
  let http: ReturnType<typeof supertest>;
  const ctx = {} as Parameters<typeof createBookableTherapist>[0];

  beforeAll(async () => {
    const url = await workerDatabaseUrl();
    const logging = new PrismaClient({
      adapter: new PrismaPg({ ...poolConfigFromUrl(url), max: 4 }),
      log: [{ emit: 'event', level: 'query' }],
    });
    logging.$on('query', (event) => {
      // The per-address rate limit's counter is a statement of its own (tests/http/rate-limits.test.ts); this
      // counts the statements that load the slots.
      if (!event.query.includes('"RateLimitBucket"')) queries += 1;
    });
    prisma = logging as unknown as PrismaClient;
    const app = await buildApp({ config: testConfig({ DATABASE_URL: url, ...BOOKING_TEST_ENV }), prisma, clock, logger: false });
    await app.ready();
    http = supertest(app.server);
    Object.assign(ctx, { app, prisma, http });
    close = async () => {
      await app.close();
      await prisma.$disconnect();
    };
  });
  afterAll(async () => close());

  async function queriesFor(path: string): Promise<number> {
    queries = 0;
    await http.get(path).expect(200);
    return queries;
  }

  it('loads the calendars of all candidates in the same number of queries, however many there are', async () => {
    const slug = 'aromatherapy';
    const path = `/slots?massageType=${slug}&duration=60&date=2026-12-03`;
    await createBookableTherapist(ctx, { massageTypes: [slug] });
    const withOne = await queriesFor(path);
    await Promise.all(Array.from({ length: 6 }, () => createBookableTherapist(ctx, { massageTypes: [slug] })));
    const withSeven = await queriesFor(path);
    expect(withSeven).toBe(withOne);
    // The type and every candidate's hours, time off, bookings and certificates: one statement.
    expect(withOne).toBe(1);
  });

  it("lists one therapist's slots with one statement: type, bookability and calendar together", async () => {
    const { therapistId } = await createBookableTherapist(ctx);
    expect(await queriesFor(`/therapists/${therapistId}/slots?massageType=swedish&from=2026-12-01&to=2026-12-14`)).toBe(1);
    expect(
      await queriesFor(`/therapists/${therapistId}/slots?massageType=swedish&from=2026-12-01&to=2026-12-14&tz=Asia/Tokyo`),
    ).toBe(1);
  });
});
