import { beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/lib/clock.ts';
import type { ScreeningAnswersInput } from '../../src/modules/screening/screening.answers.ts';
import { useTestApp } from '../helpers/app.ts';
import { BOOKING_TEST_ENV, PREGNANT_AT_10_WEEKS, T0, createBookableTherapist, postBooking } from '../helpers/booking.ts';
import { registerUser, type Session } from '../helpers/factories.ts';

// The whole prenatal path through the API: the client screens with POST /screenings, books prenatal with that
// screening, and the therapist confirms. From 13 weeks a healthy pregnancy is ok for prenatal and only carries a
// positioning note for the therapist; before 13 weeks it is a caution that needs acknowledgement and clearance.

// Wednesday 2026-12-02 10:00 Berlin (09:00Z): one day after T0, so the pregnancy weeks do not move on.
const WED_10 = '2026-12-02T10:00:00.000+01:00';
// Wednesday 2026-12-16 10:00 Berlin: 15 days after T0, two whole weeks later.
const WED_16_10 = '2026-12-16T10:00:00.000+01:00';
const PREGNANT_AT_20_WEEKS: ScreeningAnswersInput = { pregnancy: { pregnant: true, weeks: 20 } };

interface Flag {
  code: string;
  decision: string;
  requiresClearance: boolean;
  therapistNote: string;
}
interface Outcome {
  massageType: string;
  decision: string;
  flags: Flag[];
  alternatives: string[];
}

describe('booking prenatal massage after the health screen', () => {
  const clock = new ManualClock(T0);
  const ctx = useTestApp({ clock, env: BOOKING_TEST_ENV });
  beforeEach(() => clock.set(T0));

  /** A therapist who offers prenatal and holds the verified prenatal certification it requires. */
  const prenatalTherapist = () =>
    createBookableTherapist(ctx, { massageTypes: ['prenatal'], certifications: ['licence', 'prenatal'] });

  async function screenThroughApi(client: Session, answers: ScreeningAnswersInput) {
    const response = await ctx.http.post('/screenings').set(client.auth).send({ answers }).expect(201);
    const outcomes: Outcome[] = response.body.outcomes;
    const outcome = (slug: string) => outcomes.find((candidate) => candidate.massageType === slug);
    return { screeningId: response.body.id as string, outcome };
  }

  function bookPrenatal(client: Session, therapistId: string, screeningId: string, startsAt = WED_10) {
    return postBooking(ctx, client, { therapistId, massageType: 'prenatal', durationMinutes: 60, startsAt, screeningId });
  }

  const confirm = (therapist: Session, id: string, body: object) =>
    ctx.http.post(`/appointments/${id}/confirm`).set(therapist.auth).send(body);

  it('passes a client 20 weeks pregnant for prenatal as ok, with a side-lying note for the therapist', async () => {
    const client = await registerUser(ctx, 'client');
    const { outcome } = await screenThroughApi(client, PREGNANT_AT_20_WEEKS);

    expect(outcome('prenatal')).toEqual({
      massageType: 'prenatal',
      decision: 'ok',
      flags: [
        expect.objectContaining({
          code: 'pregnancy-side-lying',
          decision: 'ok',
          requiresClearance: false,
          therapistNote: expect.stringMatching(/side-lying/),
        }),
      ],
      alternatives: [],
    });
    expect(outcome('swedish')).toMatchObject({ decision: 'blocked', alternatives: ['prenatal'] });
  });

  it('books prenatal at 20 weeks, shows the therapist the positioning note, and confirms with {}', async () => {
    const therapist = await prenatalTherapist();
    const client = await registerUser(ctx, 'client');
    const { screeningId } = await screenThroughApi(client, PREGNANT_AT_20_WEEKS);

    const booked = await bookPrenatal(client, therapist.therapistId, screeningId).expect(201);
    const sideLyingNote = {
      decision: 'ok',
      requiresClearance: false,
      flags: [
        expect.objectContaining({
          code: 'pregnancy-side-lying',
          decision: 'ok',
          requiresClearance: false,
          therapistNote: expect.stringMatching(/side-lying with bolsters.*No deep work on the legs/),
        }),
      ],
    };
    expect(booked.body).toMatchObject({ status: 'PENDING', massageType: 'prenatal', screening: sideLyingNote });

    const seenByTherapist = await ctx.http.get(`/appointments/${booked.body.id}`).set(therapist.session.auth).expect(200);
    expect(seenByTherapist.body.screening).toEqual(sideLyingNote);

    const confirmed = await confirm(therapist.session, booked.body.id, {}).expect(200);
    expect(confirmed.body).toMatchObject({
      status: 'CONFIRMED',
      confirmedAt: T0.toISOString(),
      clearanceConfirmedAt: null,
      screening: sideLyingNote,
    });
  });

  it('judges the note at the appointment date: 20 weeks screened, 22 weeks booked, left side-lying', async () => {
    const therapist = await prenatalTherapist();
    const client = await registerUser(ctx, 'client');
    const { screeningId } = await screenThroughApi(client, PREGNANT_AT_20_WEEKS);

    const booked = await bookPrenatal(client, therapist.therapistId, screeningId, WED_16_10).expect(201);
    expect(booked.body.screening).toEqual({
      decision: 'ok',
      requiresClearance: false,
      flags: [expect.objectContaining({ code: 'pregnancy-left-side-lying', decision: 'ok' })],
    });
    await confirm(therapist.session, booked.body.id, {}).expect(200);
  });

  it('still needs acknowledgeFlags and clearanceConfirmed for a client 10 weeks pregnant', async () => {
    const therapist = await prenatalTherapist();
    const client = await registerUser(ctx, 'client');
    const { screeningId, outcome } = await screenThroughApi(client, PREGNANT_AT_10_WEEKS);
    expect(outcome('prenatal')).toMatchObject({
      decision: 'caution',
      flags: [{ code: 'pregnancy-first-trimester', decision: 'caution', requiresClearance: true }],
    });

    const booked = await bookPrenatal(client, therapist.therapistId, screeningId).expect(201);
    expect(booked.body).toMatchObject({
      status: 'PENDING',
      screening: {
        decision: 'caution',
        requiresClearance: true,
        flags: [expect.objectContaining({ code: 'pregnancy-first-trimester', decision: 'caution' })],
      },
    });
    const id: string = booked.body.id;

    const bare = await confirm(therapist.session, id, {}).expect(422);
    expect(bare.body).toMatchObject({ code: 'confirmation-incomplete', missing: ['acknowledgeFlags', 'clearanceConfirmed'] });
    const acknowledgedOnly = await confirm(therapist.session, id, { acknowledgeFlags: true }).expect(422);
    expect(acknowledgedOnly.body.missing).toEqual(['clearanceConfirmed']);
    const clearedOnly = await confirm(therapist.session, id, { clearanceConfirmed: true }).expect(422);
    expect(clearedOnly.body.missing).toEqual(['acknowledgeFlags']);

    const confirmed = await confirm(therapist.session, id, { acknowledgeFlags: true, clearanceConfirmed: true }).expect(200);
    expect(confirmed.body).toMatchObject({
      status: 'CONFIRMED',
      flagsAcknowledgedAt: T0.toISOString(),
      clearanceConfirmedAt: T0.toISOString(),
    });
  });
});
