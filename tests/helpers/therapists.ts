import type { TestContext } from './app.ts';
import { createAdmin, registerUser, type Session } from './factories.ts';

type Ctx = Pick<TestContext, 'http' | 'prisma' | 'config'>;

/** Every therapist id the directory lists for `query`, following the cursor to the last page. */
export async function listTherapistIds(
  ctx: Pick<TestContext, 'http'>,
  query: Record<string, string>,
): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const response = await ctx.http
      .get('/therapists')
      .query({ ...query, limit: '100', ...(cursor ? { cursor } : {}) })
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
): Promise<{ session: Session; therapistId: string }> {
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

// Appointments start one after another from here, two hours apart, so rows inserted by one test file never
// collide with the per-therapist and per-client no-overlap constraints.
const FIRST_APPOINTMENT = Date.UTC(2026, 0, 5, 9, 0);
const APPOINTMENT_SPACING_MS = 2 * 60 * 60 * 1000;
let appointmentsInserted = 0;

type AppointmentStatus = 'PENDING' | 'CONFIRMED' | 'COMPLETED' | 'NO_SHOW' | 'CANCELLED';

interface AppointmentRowInput {
  clientId: string;
  therapistId: string;
  /** Default: swedish. */
  massageTypeSlug?: string;
}

/**
 * An appointment in any state written straight to the database, each at its own time.
 * TEMPORARY, like insertCompletedAppointment: to be replaced by booking through the API once it exists.
 */
export async function insertAppointment(
  ctx: Pick<TestContext, 'prisma'>,
  input: AppointmentRowInput & { status: AppointmentStatus },
): Promise<{ id: string }> {
  const type = await ctx.prisma.massageType.findUniqueOrThrow({ where: { slug: input.massageTypeSlug ?? 'swedish' } });
  const durationMinutes = 60;
  const startsAt = new Date(FIRST_APPOINTMENT + appointmentsInserted * APPOINTMENT_SPACING_MS);
  appointmentsInserted += 1;
  const endsAt = new Date(startsAt.getTime() + durationMinutes * 60_000);
  return ctx.prisma.appointment.create({
    data: {
      clientId: input.clientId,
      therapistId: input.therapistId,
      massageTypeId: type.id,
      durationMinutes,
      startsAt,
      endsAt,
      blockedUntil: new Date(endsAt.getTime() + 15 * 60_000),
      status: input.status,
      priceCents: type.priceCents,
      currency: type.currency,
      confirmedAt: input.status === 'PENDING' ? null : startsAt,
      completedAt: input.status === 'COMPLETED' ? endsAt : null,
      cancelledAt: input.status === 'CANCELLED' ? startsAt : null,
    },
    select: { id: true },
  });
}

/**
 * A COMPLETED appointment written straight to the database, for review tests.
 * TEMPORARY: the booking module is being written concurrently; once POST /appointments and
 * POST /appointments/:id/complete exist, this must book and complete through the API instead.
 */
export async function insertCompletedAppointment(
  ctx: Pick<TestContext, 'prisma'>,
  input: AppointmentRowInput,
): Promise<{ id: string }> {
  return insertAppointment(ctx, { ...input, status: 'COMPLETED' });
}

/**
 * A review of `therapistId` by a fresh client (or `client`), on a completed appointment of its own.
 * Returns the review and appointment ids and the reviewing client's session.
 */
export async function postReview(
  ctx: Ctx,
  input: { therapistId: string; rating: number; comment?: string; client?: Session },
): Promise<{ reviewId: string; appointmentId: string; client: Session }> {
  const client = input.client ?? (await registerUser(ctx, 'client'));
  const appointment = await insertCompletedAppointment(ctx, {
    clientId: client.user.id,
    therapistId: input.therapistId,
  });
  const response = await ctx.http
    .post(`/appointments/${appointment.id}/review`)
    .set(client.auth)
    .send({ rating: input.rating, ...(input.comment !== undefined ? { comment: input.comment } : {}) })
    .expect(201);
  return { reviewId: response.body.id as string, appointmentId: appointment.id, client };
}
