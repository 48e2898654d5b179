// Test data for availability and booking. Therapists register through the API; what the therapist and admin
// routes would then set (offered types, verified certifications, hours, zone) is written with prisma here, so
// these tests do not depend on those routes (admin verification is tested in certifications.test.ts).
import { randomUUID } from 'node:crypto';
import type { Test } from 'supertest';
import { screeningAnswersSchema, type ScreeningAnswersInput } from '../../src/modules/screening/screening.answers.ts';
import { SCREENING_RULESET_VERSION } from '../../src/modules/screening/screening.ruleset.ts';
import { evaluateScreening } from '../../src/modules/screening/screening.rules.ts';
import type { WeeklyInterval } from '../../src/modules/availability/availability-schedule.rules.ts';
import { ManualClock } from '../../src/lib/clock.ts';
import { createTestApp, useTestApp, type TestContext } from './app.ts';
import { registerUser, uniqueEmail, type Session } from './factories.ts';

type Ctx = Pick<TestContext, 'http' | 'prisma' | 'app'>;

/**
 * The instant booking tests freeze the clock at: Tuesday 2026-12-01 07:00 in Berlin (06:00Z), in winter time.
 * With the default policy the first bookable Berlin start is 09:00 the same day.
 */
export const T0 = new Date('2026-12-01T06:00:00.000Z');

/** Tokens outlive the clock moves of a test (max 7 days). */
export const BOOKING_TEST_ENV = { ACCESS_TOKEN_TTL_MINUTES: String(7 * 24 * 60) };

/** A test app built with a ManualClock, which the context carries so helpers can move it. */
export type ClockedTestContext = TestContext & { clock: ManualClock };

/** `useTestApp` with a ManualClock starting at `start` and BOOKING_TEST_ENV; the clock is `ctx.clock`. */
export function useClockedTestApp(start: Date = T0): ClockedTestContext {
  const clock = new ManualClock(start);
  // useTestApp fills this same object in beforeAll, leaving `clock` in place.
  return Object.assign(useTestApp({ clock, env: BOOKING_TEST_ENV }), { clock });
}

/** `createTestApp` with a ManualClock starting at `start` and BOOKING_TEST_ENV; close it when done. */
export async function createClockedTestApp(
  start: Date = T0,
): Promise<ClockedTestContext & { close(): Promise<void> }> {
  const clock = new ManualClock(start);
  return Object.assign(await createTestApp({ clock, env: BOOKING_TEST_ENV }), { clock });
}

export const EVERY_DAY_9_TO_17: WeeklyInterval[] = ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({
  weekday,
  start: '09:00',
  end: '17:00',
}));

export interface PolicyInput {
  bufferMinutes: number;
  minNoticeMinutes: number;
  horizonDays: number;
  slotStepMinutes: number;
}
export const DEFAULT_POLICY: PolicyInput = { bufferMinutes: 15, minNoticeMinutes: 60, horizonDays: 60, slotStepMinutes: 30 };

export interface TherapistOptions {
  /** Offered types (default: swedish). */
  massageTypes?: string[];
  /** Verified certification kinds (default: licence plus what every offered type requires). */
  certifications?: string[];
  timeZone?: string;
  weekly?: WeeklyInterval[];
  policy?: Partial<PolicyInput>;
  name?: string;
}

export interface TestTherapist {
  session: Session;
  therapistId: string;
}

const wallClockMinute = (value: string) => Number(value.slice(0, 2)) * 60 + Number(value.slice(3, 5));

/** A therapist clients can book: Europe/Berlin, every day 09:00–17:00, DEFAULT_POLICY, unless told otherwise. */
export async function createBookableTherapist(ctx: Ctx, options: TherapistOptions = {}): Promise<TestTherapist> {
  const session = await registerUser(ctx, 'therapist', options.name ? { name: options.name } : {});
  const therapistId = session.user.therapistId;
  if (!therapistId) throw new Error('a registered therapist has a therapistId');
  const types = await ctx.prisma.massageType.findMany({ where: { slug: { in: options.massageTypes ?? ['swedish'] } } });
  const kinds =
    options.certifications ??
    ['licence', ...types.flatMap((type) => (type.requiredCertification ? [type.requiredCertification] : []))];
  await ctx.prisma.therapistProfile.update({
    where: { id: therapistId },
    data: {
      timeZone: options.timeZone ?? 'Europe/Berlin',
      ...DEFAULT_POLICY,
      ...options.policy,
      massageTypes: { create: types.map((type) => ({ massageTypeId: type.id })) },
      certifications: {
        create: [...new Set(kinds)].map((kind) => ({
          kind,
          issuer: 'Test Board',
          number: `T-${randomUUID()}`,
          issuedOn: new Date('2024-01-01'),
          expiresOn: new Date('2099-12-31'),
          status: 'VERIFIED' as const,
        })),
      },
      weeklyHours: {
        create: (options.weekly ?? EVERY_DAY_9_TO_17).map((interval) => {
          const endMinute = wallClockMinute(interval.end);
          return { weekday: interval.weekday, startMinute: wallClockMinute(interval.start), endMinute: endMinute || 1440 };
        }),
      },
    },
  });
  return { session, therapistId };
}

/**
 * A client account written directly, with a token from the app, for tests that need many (the concurrency
 * tests); `registerUser` is the way through the API.
 */
export async function createClientFast(ctx: Ctx, name = 'Casey Client'): Promise<Session> {
  const user = await ctx.prisma.user.create({
    data: { email: uniqueEmail('client'), name, role: 'CLIENT', passwordHash: 'not-a-usable-hash' },
  });
  const token = ctx.app.issueToken({ userId: user.id, role: 'client', therapistId: null });
  return {
    token,
    auth: { Authorization: `Bearer ${token}` },
    user: { id: user.id, email: user.email, name: user.name, role: 'client' },
  };
}

export const PREGNANT_AT_10_WEEKS: ScreeningAnswersInput = { pregnancy: { pregnant: true, weeks: 10 } };

/** A stored screening of the client's, taken at `now` and valid for 30 days, as POST /screenings would store it. */
export async function createScreening(
  ctx: Pick<TestContext, 'prisma'>,
  clientId: string,
  now: Date,
  answers: ScreeningAnswersInput = {},
  options: { expiresAt?: Date } = {},
): Promise<string> {
  const parsed = screeningAnswersSchema.parse(answers);
  const catalogue = await ctx.prisma.massageType.findMany({ orderBy: [{ position: 'asc' }, { slug: 'asc' }] });
  const outcomes = evaluateScreening(
    parsed,
    catalogue.map((type) => type.slug),
  );
  const screening = await ctx.prisma.screening.create({
    data: {
      clientId,
      answers: parsed,
      outcomes: JSON.parse(JSON.stringify(outcomes)),
      rulesetVersion: SCREENING_RULESET_VERSION,
      createdAt: now,
      expiresAt: options.expiresAt ?? new Date(now.getTime() + 30 * 24 * 60 * 60 * 1000),
    },
  });
  return screening.id;
}

export interface BookingBody {
  therapistId: string;
  massageType: string;
  durationMinutes: number;
  startsAt: string;
  screeningId: string;
  notes?: string;
}

/** POST /appointments with a fresh Idempotency-Key unless one is given; returns the supertest request. */
export function postBooking(
  ctx: Pick<TestContext, 'http'>,
  client: Session,
  body: BookingBody,
  key: string = randomUUID(),
): Test {
  return ctx.http.post('/appointments').set(client.auth).set('Idempotency-Key', key).send(body);
}

/** A client with an ok-everywhere screening, and a booking body for `startsAt` with the therapist (swedish, 60). */
export async function clientReadyToBook(
  ctx: Ctx,
  therapistId: string,
  startsAt: string,
  now: Date,
  overrides: Partial<BookingBody> & { answers?: ScreeningAnswersInput } = {},
): Promise<{ client: Session; body: BookingBody }> {
  const { answers, ...bodyOverrides } = overrides;
  const client = await createClientFast(ctx);
  const screeningId = await createScreening(ctx, client.user.id, now, answers ?? {});
  return {
    client,
    body: { therapistId, massageType: 'swedish', durationMinutes: 60, startsAt, screeningId, ...bodyOverrides },
  };
}

/** Books through the API and returns the appointment body; fails the test unless it is a 201. */
export async function bookAppointment(
  ctx: Ctx,
  therapistId: string,
  startsAt: string,
  now: Date,
  overrides: Partial<BookingBody> & { answers?: ScreeningAnswersInput } = {},
): Promise<{ client: Session; appointment: { id: string; status: string; [key: string]: unknown } }> {
  const { client, body } = await clientReadyToBook(ctx, therapistId, startsAt, now, overrides);
  const response = await postBooking(ctx, client, body).expect(201);
  return { client, appointment: response.body };
}
