import { describe, expect, it } from 'vitest';
import type { TestContext } from '../helpers/app.ts';
import { useClockedTestApp, type ClockedTestContext, type TestTherapist } from '../helpers/booking.ts';
import { createAdmin, DEFAULT_PASSWORD, login, registerUser, type Session } from '../helpers/factories.ts';
import { makeAppointment, makeVerifiedTherapist } from '../helpers/therapists.ts';

// Answers are health data: only their owner and the therapist of an appointment that uses the screening may read
// them. The keys below are distinctive: no outcome, flag text or id can contain them, so finding one in a response
// means the answers leaked.
const ANSWERS = { herniatedDisc: { neurologicalSymptoms: true }, painMedicationLast24h: true, essentialOilAllergy: true };
const STORED_ANSWERS = {
  herniatedDisc: { acute: false, neurologicalSymptoms: true },
  painMedicationLast24h: true,
  essentialOilAllergy: true,
};
const ANSWER_MARKERS = ['"answers"', 'neurologicalSymptoms', 'painMedicationLast24h', 'essentialOilAllergy'];

function expectNoAnswersIn(rawBody: string): void {
  for (const marker of ANSWER_MARKERS) expect(rawBody).not.toContain(marker);
}

async function createScreening(ctx: TestContext, client: Session) {
  const response = await ctx.http.post('/screenings').set(client.auth).send({ answers: ANSWERS }).expect(201);
  return response;
}

/**
 * An appointment that uses the screening, booked by the client through POST /appointments and, unless it is to be
 * cancelled, confirmed by the therapist (then marked completed or missed when asked); ANSWERS leave swedish at caution with a flag that needs clearance.
 */
async function appointmentUsing(
  ctx: ClockedTestContext,
  link: {
    client: Session;
    therapist: TestTherapist;
    screeningId: string;
    status?: 'CONFIRMED' | 'CANCELLED' | 'COMPLETED' | 'NO_SHOW';
  },
) {
  return makeAppointment(ctx, {
    therapist: link.therapist,
    client: link.client,
    screeningId: link.screeningId,
    status: link.status ?? 'CONFIRMED',
    confirmation: { acknowledgeFlags: true, clearanceConfirmed: true },
  });
}

function screeningReads(ctx: TestContext, screeningId: string) {
  return ctx.prisma.auditLog.findMany({
    where: { entityType: 'Screening', entityId: screeningId },
    orderBy: { id: 'asc' },
    select: { actorId: true, action: true, entityType: true, entityId: true, data: true },
  });
}

describe('reading a screening', () => {
  const ctx = useClockedTestApp();

  it('gives the owner the answers, outcomes and dates, without writing an audit entry', async () => {
    const client = await registerUser(ctx, 'client');
    const created = await createScreening(ctx, client);

    const response = await ctx.http.get(`/screenings/${created.body.id}`).set(client.auth).expect(200);

    expect(response.body).toEqual({
      id: created.body.id,
      createdAt: created.body.createdAt,
      expiresAt: created.body.expiresAt,
      expired: false,
      rulesetVersion: created.body.rulesetVersion,
      disclaimer: created.body.disclaimer,
      outcomes: created.body.outcomes,
      answers: STORED_ANSWERS,
    });
    expect(await screeningReads(ctx, created.body.id)).toEqual([]);
  });

  it('gives the therapist of an appointment that uses it the answers, and audits every read', async () => {
    const client = await registerUser(ctx, 'client');
    const treating = await makeVerifiedTherapist(ctx);
    const therapist = treating.session;
    const created = await createScreening(ctx, client);
    const appointment = await appointmentUsing(ctx, { client, therapist: treating, screeningId: created.body.id });

    const first = await ctx.http.get(`/screenings/${created.body.id}`).set(therapist.auth).expect(200);
    expect(first.body.answers).toEqual(STORED_ANSWERS);
    expect(first.body.outcomes).toEqual(created.body.outcomes);
    const read = {
      actorId: therapist.user.id,
      action: 'screening.read',
      entityType: 'Screening',
      entityId: created.body.id,
      data: { appointmentId: appointment.id },
    };
    expect(await screeningReads(ctx, created.body.id)).toEqual([read]);

    await ctx.http.get(`/screenings/${created.body.id}`).set(therapist.auth).expect(200);
    expect(await screeningReads(ctx, created.body.id)).toEqual([read, read]);
  });

  it('refuses the therapist of a cancelled appointment that used it with 404, without an audit entry', async () => {
    const client = await registerUser(ctx, 'client');
    const treating = await makeVerifiedTherapist(ctx);
    const created = await createScreening(ctx, client);
    await appointmentUsing(ctx, { client, therapist: treating, screeningId: created.body.id, status: 'CANCELLED' });

    const response = await ctx.http.get(`/screenings/${created.body.id}`).set(treating.session.auth).expect(404);
    expect(response.body.code).toBe('screening-not-found');
    expectNoAnswersIn(response.text);
    expect(await screeningReads(ctx, created.body.id)).toEqual([]);
  });

  it('refuses the therapist of a missed (no-show) appointment with 404: no treatment took place', async () => {
    const client = await registerUser(ctx, 'client');
    const treating = await makeVerifiedTherapist(ctx);
    const created = await createScreening(ctx, client);
    await appointmentUsing(ctx, { client, therapist: treating, screeningId: created.body.id, status: 'NO_SHOW' });

    const response = await ctx.http.get(`/screenings/${created.body.id}`).set(treating.session.auth).expect(404);
    expectNoAnswersIn(response.text);
  });

  it('lets the therapist of a completed session read the answers for the records period after it, then 404', async () => {
    const client = await registerUser(ctx, 'client');
    const treating = await makeVerifiedTherapist(ctx);
    const created = await createScreening(ctx, client);
    const session = await appointmentUsing(ctx, {
      client,
      therapist: treating,
      screeningId: created.body.id,
      status: 'COMPLETED',
    });
    const endedAt = new Date(session.endsAt).getTime();
    const days = ctx.config.SCREENING_RECORDS_DAYS;
    expect(days).toBe(90);

    // Months later: a fresh login, since test tokens last a week.
    ctx.clock.set(new Date(endedAt + days * 24 * 60 * 60_000));
    const therapist = await login(ctx, treating.session.user.email, DEFAULT_PASSWORD);
    const lastDay = await ctx.http.get(`/screenings/${created.body.id}`).set(therapist.auth).expect(200);
    expect(lastDay.body.answers).toEqual(STORED_ANSWERS);

    ctx.clock.set(new Date(endedAt + days * 24 * 60 * 60_000 + 1));
    await ctx.http.get(`/screenings/${created.body.id}`).set(therapist.auth).expect(404);
    ctx.clock.set(new Date(endedAt));
  });

  it('still lets the therapist read through a live appointment when another one with the screening was cancelled', async () => {
    const client = await registerUser(ctx, 'client');
    const treating = await makeVerifiedTherapist(ctx);
    const created = await createScreening(ctx, client);
    await appointmentUsing(ctx, { client, therapist: treating, screeningId: created.body.id, status: 'CANCELLED' });
    const live = await appointmentUsing(ctx, { client, therapist: treating, screeningId: created.body.id });

    await ctx.http.get(`/screenings/${created.body.id}`).set(treating.session.auth).expect(200);
    expect((await screeningReads(ctx, created.body.id)).map((read) => read.data)).toEqual([{ appointmentId: live.id }]);
  });

  it('answers another client, another therapist and an admin with the 404 of an unknown id', async () => {
    const owner = await registerUser(ctx, 'client');
    const created = await createScreening(ctx, owner);
    const unknown = await ctx.http.get('/screenings/0190c0de-0000-7000-8000-000000000000').set(owner.auth).expect(404);
    const withoutInstance = (body: Record<string, unknown>) => ({ ...body, instance: undefined });

    const outsiders = [
      await registerUser(ctx, 'client'),
      await registerUser(ctx, 'therapist'),
      await createAdmin(ctx),
    ];
    for (const outsider of outsiders) {
      const response = await ctx.http.get(`/screenings/${created.body.id}`).set(outsider.auth).expect(404);
      expect(withoutInstance(response.body)).toEqual(withoutInstance(unknown.body));
      expectNoAnswersIn(response.text);
    }
    expect(unknown.body).toMatchObject({ status: 404, code: 'screening-not-found' });
    expect(await screeningReads(ctx, created.body.id)).toEqual([]);
  });

  it('refuses a therapist who treats the client but not with this screening with 404', async () => {
    const client = await registerUser(ctx, 'client');
    const treating = await makeVerifiedTherapist(ctx);
    const therapist = treating.session;
    const used = await createScreening(ctx, client);
    const alsoUsed = await createScreening(ctx, client);
    const other = await createScreening(ctx, client);
    await appointmentUsing(ctx, { client, therapist: treating, screeningId: used.body.id });
    await appointmentUsing(ctx, { client, therapist: treating, screeningId: alsoUsed.body.id });

    const response = await ctx.http.get(`/screenings/${other.body.id}`).set(therapist.auth).expect(404);
    expectNoAnswersIn(response.text);
    expect(await screeningReads(ctx, other.body.id)).toEqual([]);
  });

  it('requires a token: an anonymous read is 401 and says nothing about the screening', async () => {
    const client = await registerUser(ctx, 'client');
    const created = await createScreening(ctx, client);
    const response = await ctx.http.get(`/screenings/${created.body.id}`).expect(401);
    expect(response.body.code).toBe('not-authenticated');
    expectNoAnswersIn(response.text);
  });

  it('answers a malformed id with 404, never a 500', async () => {
    const client = await registerUser(ctx, 'client');
    const response = await ctx.http.get('/screenings/not-a-uuid').set(client.auth).expect(404);
    expect(response.body.code).toBe('screening-not-found');
  });

  it('never returns answers when creating or listing', async () => {
    const client = await registerUser(ctx, 'client');
    const created = await createScreening(ctx, client);
    expectNoAnswersIn(created.text);
    const list = await ctx.http.get('/screenings').set(client.auth).expect(200);
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([created.body.id]);
    expectNoAnswersIn(list.text);
    // The answers were stored all the same: the responses leave them out on purpose.
    const stored = await ctx.prisma.screening.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(stored.answers).toEqual(STORED_ANSWERS);
  });

  it('documents answers in the response of GET /screenings/:id and nowhere else', async () => {
    const { body: openapi } = await ctx.http.get('/openapi.json').expect(200);
    const schemas = openapi.components.schemas;
    const propertiesOf = (schema: { properties: Record<string, unknown> }) => Object.keys(schema.properties);
    expect(propertiesOf(schemas.ScreeningDetail)).toContain('answers');
    expect(propertiesOf(schemas.CreatedScreening)).not.toContain('answers');
    expect(propertiesOf(schemas.ScreeningSummary)).not.toContain('answers');
    const preview = openapi.paths['/screenings/preview'].post.responses['200'].content['application/json'].schema;
    expect(propertiesOf(preview)).toEqual(['rulesetVersion', 'disclaimer', 'outcomes']);
  });
});
