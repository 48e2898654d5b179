import { describe, expect, it } from 'vitest';
import { createClockedTestApp, useClockedTestApp } from '../helpers/booking.ts';
import { DEFAULT_PASSWORD, createAdmin, login, registerUser } from '../helpers/factories.ts';
import {
  listTherapistIds,
  makeAppointment,
  makeCompletedAppointment,
  makeVerifiedTherapist,
  postReview,
} from '../helpers/therapists.ts';

describe('writing a review', () => {
  const ctx = useClockedTestApp();

  it('lets the client review a completed appointment, trimming the comment', async () => {
    const therapist = await makeVerifiedTherapist(ctx);
    const { therapistId } = therapist;
    const client = await registerUser(ctx, 'client');
    const appointment = await makeCompletedAppointment(ctx, { therapist, client });
    const response = await ctx.http
      .post(`/appointments/${appointment.id}/review`)
      .set(client.auth)
      .send({ rating: 5, comment: '  Knots gone.  ' })
      .expect(201);
    expect(response.body).toEqual({
      id: expect.any(String),
      appointmentId: appointment.id,
      therapistId,
      rating: 5,
      comment: 'Knots gone.',
      createdAt: expect.any(String),
      updatedAt: response.body.createdAt,
      editableUntil: new Date(Date.parse(response.body.createdAt) + 7 * 24 * 3600_000).toISOString(),
    });
  });

  it('stores a blank comment as no comment', async () => {
    const therapist = await makeVerifiedTherapist(ctx);
    const blank = await postReview(ctx, { therapist, rating: 4, comment: '   ' });
    const none = await postReview(ctx, { therapist, rating: 4 });
    const rows = await ctx.prisma.review.findMany({ where: { id: { in: [blank.reviewId, none.reviewId] } } });
    expect(rows.map((row) => row.comment)).toEqual([null, null]);
  });

  it('refuses a second review of the same appointment with 409', async () => {
    const therapist = await makeVerifiedTherapist(ctx);
    const { appointmentId, client } = await postReview(ctx, { therapist, rating: 3 });
    const second = await ctx.http
      .post(`/appointments/${appointmentId}/review`)
      .set(client.auth)
      .send({ rating: 5 })
      .expect(409);
    expect(second.body).toMatchObject({ status: 409, code: 'review-exists' });
  });

  it('lets exactly one of two simultaneous reviews of one appointment through', async () => {
    const therapist = await makeVerifiedTherapist(ctx);
    const client = await registerUser(ctx, 'client');
    const appointment = await makeCompletedAppointment(ctx, { therapist, client });
    const responses = await Promise.all(
      [4, 5].map((rating) =>
        ctx.http.post(`/appointments/${appointment.id}/review`).set(client.auth).send({ rating }),
      ),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([201, 409]);
    expect(await ctx.prisma.review.count({ where: { appointmentId: appointment.id } })).toBe(1);
  });

  it('refuses an appointment that is not completed with 409 naming its status', async () => {
    const therapist = await makeVerifiedTherapist(ctx);
    const client = await registerUser(ctx, 'client');
    for (const status of ['PENDING', 'CONFIRMED', 'CANCELLED', 'NO_SHOW'] as const) {
      const appointment = await makeAppointment(ctx, { therapist, client, status });
      const response = await ctx.http
        .post(`/appointments/${appointment.id}/review`)
        .set(client.auth)
        .send({ rating: 5 })
        .expect(409);
      expect(response.body).toMatchObject({ code: 'appointment-not-completed', currentStatus: status });
      expect(response.body.detail).toContain(status);
    }
  });

  it('hides the appointment from anyone but its client: 404 for other clients, 403 for other roles', async () => {
    const verified = await makeVerifiedTherapist(ctx);
    const therapist = verified.session;
    const client = await registerUser(ctx, 'client');
    const stranger = await registerUser(ctx, 'client');
    const admin = await createAdmin(ctx);
    const appointment = await makeCompletedAppointment(ctx, { therapist: verified, client });
    const path = `/appointments/${appointment.id}/review`;
    const byStranger = await ctx.http.post(path).set(stranger.auth).send({ rating: 1 }).expect(404);
    expect(byStranger.body.code).toBe('appointment-not-found');
    const unknown = await ctx.http
      .post('/appointments/no-such-appointment/review')
      .set(stranger.auth)
      .send({ rating: 1 })
      .expect(404);
    expect({ ...unknown.body, instance: undefined }).toEqual({ ...byStranger.body, instance: undefined });
    await ctx.http.post(path).set(therapist.auth).send({ rating: 5 }).expect(403);
    await ctx.http.post(path).set(admin.auth).send({ rating: 5 }).expect(403);
    await ctx.http.post(path).send({ rating: 5 }).expect(401);
    expect(await ctx.prisma.review.count({ where: { appointmentId: appointment.id } })).toBe(0);
  });

  it('validates rating and comment length', async () => {
    const therapist = await makeVerifiedTherapist(ctx);
    const client = await registerUser(ctx, 'client');
    const appointment = await makeCompletedAppointment(ctx, { therapist, client });
    const path = `/appointments/${appointment.id}/review`;
    for (const rating of [0, 6, 4.5, '5']) {
      const response = await ctx.http.post(path).set(client.auth).send({ rating }).expect(400);
      expect(response.body.errors).toEqual([{ path: 'body.rating', message: expect.any(String) }]);
    }
    const tooLong = await ctx.http
      .post(path)
      .set(client.auth)
      .send({ rating: 4, comment: 'x'.repeat(2001) })
      .expect(400);
    expect(tooLong.body.errors).toEqual([{ path: 'body.comment', message: expect.any(String) }]);
    await ctx.http.post(path).set(client.auth).send({ rating: 4, stars: 4 }).expect(400);
    const atLimit = await ctx.http
      .post(path)
      .set(client.auth)
      .send({ rating: 4, comment: `  ${'x'.repeat(2000)}  ` })
      .expect(201);
    expect(atLimit.body.comment).toHaveLength(2000);
  });
});

describe('editing a review', () => {
  it('allows edits for 7 days after writing, then refuses them with 422', async () => {
    // The session runs 08:00–09:00Z; the review is written at 10:00Z.
    const app = await createClockedTestApp(new Date('2026-11-22T07:00:00Z'));
    const { clock } = app;
    try {
      const therapist = await makeVerifiedTherapist(app);
      const { id: appointmentId, client: author } = await makeCompletedAppointment(app, { therapist });
      const path = `/appointments/${appointmentId}/review`;
      clock.set(new Date('2026-11-22T10:00:00Z'));
      await app.http.post(path).set(author.auth).send({ rating: 3, comment: 'Fine' }).expect(201);

      clock.set(new Date('2026-11-29T09:59:00Z'));
      // A week later the first token has expired; the author logs in again.
      const client = await login(app, author.user.email, DEFAULT_PASSWORD);
      const edited = await app.http
        .patch(path)
        .set(client.auth)
        .send({ rating: 4, comment: ' Better on reflection ' })
        .expect(200);
      expect(edited.body).toMatchObject({
        rating: 4,
        comment: 'Better on reflection',
        createdAt: '2026-11-22T10:00:00.000Z',
        updatedAt: '2026-11-29T09:59:00.000Z',
        editableUntil: '2026-11-29T10:00:00.000Z',
      });
      const cleared = await app.http.patch(path).set(client.auth).send({ comment: null }).expect(200);
      expect(cleared.body).toMatchObject({ rating: 4, comment: null });

      clock.set(new Date('2026-11-29T10:00:00Z'));
      const late = await app.http.patch(path).set(client.auth).send({ rating: 1 }).expect(422);
      expect(late.body).toMatchObject({ status: 422, code: 'review-edit-window-closed' });
      const stored = await app.prisma.review.findUniqueOrThrow({ where: { appointmentId } });
      expect(stored.rating).toBe(4);
    } finally {
      await app.close();
    }
  });

  it('lets only the author edit, and not once a moderator has hidden the review', async () => {
    const ctx = await createClockedTestApp();
    try {
      const verified = await makeVerifiedTherapist(ctx);
      const therapist = verified.session;
      const { appointmentId, reviewId, client } = await postReview(ctx, { therapist: verified, rating: 2 });
      const stranger = await registerUser(ctx, 'client');
      const path = `/appointments/${appointmentId}/review`;
      const byStranger = await ctx.http.patch(path).set(stranger.auth).send({ rating: 5 }).expect(404);
      expect(byStranger.body.code).toBe('review-not-found');
      await ctx.http.patch(path).set(therapist.auth).send({ rating: 5 }).expect(403);
      await ctx.http.patch(path).set(client.auth).send({}).expect(400);

      const admin = await createAdmin(ctx);
      await ctx.http.post(`/admin/reviews/${reviewId}/hide`).set(admin.auth).send({ reason: 'Abusive' }).expect(200);
      const hidden = await ctx.http.patch(path).set(client.auth).send({ rating: 5 }).expect(409);
      expect(hidden.body.code).toBe('review-hidden');
    } finally {
      await ctx.close();
    }
  });
});

describe('public reviews and moderation', () => {
  const ctx = useClockedTestApp();

  it('lists visible reviews newest first, paginated, with the reviewer’s first name only', async () => {
    const therapist = await makeVerifiedTherapist(ctx);
    const { therapistId } = therapist;
    const names = ['Ann Lee', 'Bo Diaz', 'Cleo Park'];
    const written: Awaited<ReturnType<typeof postReview>>[] = [];
    for (const [index, name] of names.entries()) {
      const client = await registerUser(ctx, 'client', { name });
      const comment = `Review by ${name.split(' ')[0]}`;
      written.push(await postReview(ctx, { therapist, rating: index + 3, comment, client }));
    }
    const first = await ctx.http.get(`/therapists/${therapistId}/reviews`).query({ limit: 2 }).expect(200);
    expect(first.body.items).toEqual([
      {
        id: written[2]?.reviewId,
        rating: 5,
        comment: 'Review by Cleo',
        reviewerFirstName: 'Cleo',
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      },
      expect.objectContaining({ id: written[1]?.reviewId, reviewerFirstName: 'Bo' }),
    ]);
    const second = await ctx.http
      .get(`/therapists/${therapistId}/reviews`)
      .query({ limit: 2, cursor: first.body.nextCursor })
      .expect(200);
    expect(second.body).toEqual({
      items: [expect.objectContaining({ id: written[0]?.reviewId, reviewerFirstName: 'Ann' })],
      nextCursor: null,
    });
    for (const body of [first.text, second.text]) {
      for (const surname of ['Lee', 'Diaz', 'Park']) expect(body).not.toContain(surname);
      expect(body).not.toContain('@example.test');
    }
  });

  it('answers 404 for the reviews of an unknown therapist', async () => {
    const response = await ctx.http.get('/therapists/unknown/reviews').expect(404);
    expect(response.body.code).toBe('therapist-not-found');
  });

  it('hides a review from the list and the averages, and records the decision', async () => {
    const therapist = await makeVerifiedTherapist(ctx);
    const { therapistId } = therapist;
    const admin = await createAdmin(ctx);
    await postReview(ctx, { therapist, rating: 5 });
    await postReview(ctx, { therapist, rating: 4 });
    const abusive = await postReview(ctx, { therapist, rating: 1, comment: 'Rude words' });
    expect((await ctx.http
      .get(`/therapists/${therapistId}`)
      .expect(200)).body.rating).toEqual({ average: 3.33, count: 3 });

    const hidden = await ctx.http
      .post(`/admin/reviews/${abusive.reviewId}/hide`)
      .set(admin.auth)
      .send({ reason: ' Abusive language ' })
      .expect(200);
    expect(hidden.body).toEqual({
      id: abusive.reviewId,
      appointmentId: abusive.appointmentId,
      therapistId,
      rating: 1,
      comment: 'Rude words',
      createdAt: expect.any(String),
      hiddenAt: expect.any(String),
      hiddenReason: 'Abusive language',
    });

    const profile = await ctx.http.get(`/therapists/${therapistId}`).expect(200);
    expect(profile.body.rating).toEqual({ average: 4.5, count: 2 });
    expect(profile.text).not.toContain('Rude words');
    // The directory's SQL average leaves the hidden review out too.
    expect(await listTherapistIds(ctx, { minRating: '4.5' })).toContain(therapistId);
    expect(await listTherapistIds(ctx, { minRating: '4.51' })).not.toContain(therapistId);
    const reviews = await ctx.http.get(`/therapists/${therapistId}/reviews`).expect(200);
    expect(reviews.body.items.map((item: { rating: number }) => item.rating)).toEqual([4, 5]);

    const audit = await ctx.prisma.auditLog.findMany({ where: { entityId: abusive.reviewId }, orderBy: { id: 'asc' } });
    expect(audit).toEqual([
      expect.objectContaining({ action: 'review.created', entityType: 'Review' }),
      expect.objectContaining({
        actorId: admin.user.id,
        action: 'review.hidden',
        entityType: 'Review',
        data: { therapistId, reason: 'Abusive language' },
      }),
    ]);
    const again = await ctx.http
      .post(`/admin/reviews/${abusive.reviewId}/hide`)
      .set(admin.auth)
      .send({ reason: 'x' })
      .expect(409);
    expect(again.body.code).toBe('review-already-hidden');
  });

  it('keeps moderation to admins and requires a reason', async () => {
    const verified = await makeVerifiedTherapist(ctx);
    const therapist = verified.session;
    const { reviewId, client } = await postReview(ctx, { therapist: verified, rating: 1 });
    const admin = await createAdmin(ctx);
    const path = `/admin/reviews/${reviewId}/hide`;
    await ctx.http.post(path).set(client.auth).send({ reason: 'x' }).expect(403);
    await ctx.http.post(path).set(therapist.auth).send({ reason: 'Unfair' }).expect(403);
    await ctx.http.post(path).send({ reason: 'x' }).expect(401);
    const noReason = await ctx.http.post(path).set(admin.auth).send({}).expect(400);
    expect(noReason.body.errors).toEqual([{ path: 'body.reason', message: expect.any(String) }]);
    await ctx.http.post('/admin/reviews/unknown/hide').set(admin.auth).send({ reason: 'x' }).expect(404);
    expect((await ctx.prisma.review.findUniqueOrThrow({ where: { id: reviewId } })).hiddenAt).toBeNull();
  });

  it('keeps the count and average exact when many clients review at once', async () => {
    const therapist = await makeVerifiedTherapist(ctx);
    const { therapistId } = therapist;
    const ratings = [5, 4, 3, 5, 5, 2, 4, 5, 1, 4];
    const clients = await Promise.all(ratings.map(() => registerUser(ctx, 'client')));
    const appointments: { id: string }[] = [];
    for (const client of clients) {
      appointments.push(await makeCompletedAppointment(ctx, { therapist, client }));
    }
    await Promise.all(
      ratings.map((rating, index) =>
        ctx.http
          .post(`/appointments/${appointments[index]?.id}/review`)
          .set(clients[index]?.auth ?? {})
          .send({ rating })
          .expect(201),
      ),
    );
    const profile = await ctx.http.get(`/therapists/${therapistId}`).expect(200);
    expect(profile.body.rating).toEqual({ average: 3.8, count: 10 });
  });
});
