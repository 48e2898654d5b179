import { randomUUID } from 'node:crypto';
import type { TestContext } from './app.ts';
import type { ClockedTestContext, TestTherapist } from './booking.ts';
import { createAdmin, registerUser, type Session } from './factories.ts';

type Ctx = Pick<TestContext, 'http' | 'prisma' | 'config'>;

/** Every therapist id the directory lists for `query`, `pageSize` at a time, following the cursor to the last page. */
export async function listTherapistIds(
  ctx: Pick<TestContext, 'http'>,
  query: Record<string, string>,
  pageSize = 100,
): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const response = await ctx.http
      .get('/therapists')
      .query({ ...query, limit: String(pageSize), ...(cursor ? { cursor } : {}) })
      .expect(200);
    const body = response.body as { items: { id: string }[]; nextCursor: string | null };
    ids.push(...body.items.map((item) => item.id));
    cursor = body.nextCursor;
  } while (cursor);
  return ids;
}

export interface CertificationInput {
  kind: string;
  issuer: string;
  number: string;
  issuedOn: string;
  expiresOn: string;
}

let certificateSerial = 0;

/** A plausible certificate body; the number is unique so tests can search responses for it. */
export function certificationBody(kind: string, overrides: Partial<CertificationInput> = {}): CertificationInput {
  certificateSerial += 1;
  return {
    kind,
    issuer: 'National Board of Massage Therapy',
    number: `LIC-${process.pid}-${Date.now().toString(36)}-${certificateSerial}`,
    issuedOn: '2024-01-15',
    expiresOn: '2099-12-31',
    ...overrides,
  };
}

/** Submits a certificate as the therapist and returns its id. */
export async function submitCertification(
  ctx: Pick<TestContext, 'http'>,
  therapist: Session,
  body: CertificationInput,
): Promise<string> {
  const response = await ctx.http
    .post(`/therapists/${therapist.user.therapistId}/certifications`)
    .set(therapist.auth)
    .send(body)
    .expect(201);
  return response.body.id as string;
}

export interface VerifiedTherapistOptions {
  /** Offered massage type slugs (default: swedish). */
  massageTypes?: string[];
  /** Certification kinds to submit and verify besides the licence, which is always included. */
  certifications?: string[];
  timeZone?: string;
  name?: string;
  /** The admin who verifies; a fresh one by default. */
  admin?: Session;
}

/**
 * A therapist set up entirely through the API: registered, profile edited, certificates submitted and verified by
 * an admin through the admin routes. Bookable for every offered type whose certification is in `certifications`.
 */
export async function makeVerifiedTherapist(
  ctx: Ctx,
  options: VerifiedTherapistOptions = {},
): Promise<TestTherapist> {
  const session = await registerUser(ctx, 'therapist', options.name ? { name: options.name } : {});
  const therapistId = session.user.therapistId;
  if (!therapistId) throw new Error('a registered therapist has a therapistId');
  await ctx.http
    .patch(`/therapists/${therapistId}`)
    .set(session.auth)
    .send({
      massageTypes: options.massageTypes ?? ['swedish'],
      ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    })
    .expect(200);
  const admin = options.admin ?? (await createAdmin(ctx));
  const kinds = ['licence', ...(options.certifications ?? []).filter((kind) => kind !== 'licence')];
  for (const kind of kinds) {
    const certificationId = await submitCertification(ctx, session, certificationBody(kind));
    await ctx.http.post(`/admin/certifications/${certificationId}/verify`).set(admin.auth).expect(200);
  }
  return { session, therapistId };
}

/** A therapist's hours and booking policy, as PUT /therapists/:id/schedule takes them. */
const AROUND_THE_CLOCK = {
  weekly: ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({ weekday, start: '00:00', end: '24:00' })),
  bufferMinutes: 15,
  minNoticeMinutes: 60,
  horizonDays: 60,
  // Starts step from local midnight; every zone's offset is a multiple of 5 minutes, so every 5-minute UTC
  // boundary is a slot whatever the therapist's zone.
  slotStepMinutes: 5,
};

const STEP_MS = AROUND_THE_CLOCK.slotStepMinutes * 60_000;

/** Opens the therapist's calendar around the clock, unless the therapist already has hours. */
async function ensureHours(ctx: Pick<TestContext, 'http'>, therapist: TestTherapist): Promise<void> {
  const schedule = await ctx.http.get(`/therapists/${therapist.therapistId}/schedule`).expect(200);
  if ((schedule.body as { weekly: unknown[] }).weekly.length > 0) return;
  await ctx.http
    .put(`/therapists/${therapist.therapistId}/schedule`)
    .set(therapist.session.auth)
    .send(AROUND_THE_CLOCK)
    .expect(200);
}

type AppointmentStatus = 'PENDING' | 'CONFIRMED' | 'COMPLETED' | 'NO_SHOW' | 'CANCELLED';

export interface AppointmentSetup {
  /** Must be bookable for the massage type (see makeVerifiedTherapist); gets round-the-clock hours if it has none. */
  therapist: TestTherapist;
  status: AppointmentStatus;
  /** Default: a fresh client registered through the API. */
  client?: Session;
  /** Default: swedish, 60 minutes. */
  massageType?: string;
  durationMinutes?: number;
  /** The client's screening to book with; default: a fresh one with no answers, taken through POST /screenings. */
  screeningId?: string;
  /** The therapist's confirm body; a screening with flags needs `acknowledgeFlags` (and `clearanceConfirmed`). */
  confirmation?: { acknowledgeFlags?: true; clearanceConfirmed?: true };
}

export interface MadeAppointment {
  id: string;
  client: Session;
  startsAt: string;
  endsAt: string;
}

/**
 * An appointment in `status`, made the way a real one is, through the API and the test's ManualClock: the client
 * books the next slot (60 minutes' notice), then the therapist confirms; CANCELLED is the client cancelling before
 * the start, COMPLETED and NO_SHOW are marked by the therapist once the clock has moved to the end of the session.
 *
 * The clock always ends at the appointment's end, whatever the status, so the next appointment made here starts
 * after this one's buffer and never collides with it (same therapist or same client). Worked example from T0
 * (06:00Z): booked for 07:00Z–08:00Z, clock left at 08:00Z, the next one books 09:00Z.
 */
export async function makeAppointment(
  ctx: Pick<ClockedTestContext, 'http' | 'clock'>,
  setup: AppointmentSetup,
): Promise<MadeAppointment> {
  const client = setup.client ?? (await registerUser(ctx, 'client'));
  const { therapist } = setup;
  await ensureHours(ctx, therapist);
  const screeningId =
    setup.screeningId ??
    ((await ctx.http.post('/screenings').set(client.auth).send({ answers: {} }).expect(201)).body.id as string);
  const earliest = ctx.clock.now().getTime() + AROUND_THE_CLOCK.minNoticeMinutes * 60_000;
  const startsAt = new Date(Math.ceil(earliest / STEP_MS) * STEP_MS);
  const booked = await ctx.http
    .post('/appointments')
    .set(client.auth)
    .set('Idempotency-Key', randomUUID())
    .send({
      therapistId: therapist.therapistId,
      massageType: setup.massageType ?? 'swedish',
      durationMinutes: setup.durationMinutes ?? 60,
      startsAt: startsAt.toISOString(),
      screeningId,
    })
    .expect(201);
  const appointment = booked.body as { id: string; status: string; startsAt: string; endsAt: string };
  const act = (session: Session, action: string, body: object = {}) =>
    ctx.http.post(`/appointments/${appointment.id}/${action}`).set(session.auth).send(body).expect(200);

  let status = appointment.status;
  if (setup.status === 'CANCELLED') {
    status = (await act(client, 'cancel')).body.status;
  } else if (setup.status !== 'PENDING') {
    status = (await act(therapist.session, 'confirm', setup.confirmation ?? {})).body.status;
  }
  ctx.clock.set(new Date(appointment.endsAt));
  if (setup.status === 'COMPLETED') status = (await act(therapist.session, 'complete')).body.status;
  if (setup.status === 'NO_SHOW') status = (await act(therapist.session, 'no-show')).body.status;
  if (status !== setup.status) throw new Error(`appointment ${appointment.id} is ${status}, not ${setup.status}`);
  return { id: appointment.id, client, startsAt: appointment.startsAt, endsAt: appointment.endsAt };
}

/** A COMPLETED appointment through the API (see makeAppointment); the clock is left at its end. */
export async function makeCompletedAppointment(
  ctx: Pick<ClockedTestContext, 'http' | 'clock'>,
  setup: Omit<AppointmentSetup, 'status'>,
): Promise<MadeAppointment> {
  return makeAppointment(ctx, { ...setup, status: 'COMPLETED' });
}

/**
 * A review of `therapist` by a fresh client (or `client`), written when its completed appointment (of
 * `massageType`, default swedish) ends. Returns the review and appointment ids and the reviewing client's session.
 */
export async function postReview(
  ctx: Pick<ClockedTestContext, 'http' | 'clock'>,
  input: { therapist: TestTherapist; rating: number; comment?: string; client?: Session; massageType?: string },
): Promise<{ reviewId: string; appointmentId: string; client: Session }> {
  const appointment = await makeCompletedAppointment(ctx, {
    therapist: input.therapist,
    client: input.client,
    massageType: input.massageType,
  });
  const response = await ctx.http
    .post(`/appointments/${appointment.id}/review`)
    .set(appointment.client.auth)
    .send({ rating: input.rating, ...(input.comment !== undefined ? { comment: input.comment } : {}) })
    .expect(201);
  return { reviewId: response.body.id as string, appointmentId: appointment.id, client: appointment.client };
}
