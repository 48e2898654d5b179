import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/lib/clock.ts';
import { createTestApp, useTestApp, type TestContext } from '../helpers/app.ts';
import { createAdmin, login, registerUser, DEFAULT_PASSWORD, type Session } from '../helpers/factories.ts';
import { certificationBody, listTherapistIds, submitCertification } from '../helpers/therapists.ts';

async function queueIds(ctx: Pick<TestContext, 'http'>, admin: Session, status: string, limit: number) {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const response = await ctx.http
      .get('/admin/certifications')
      .set(admin.auth)
      .query({ status, limit: String(limit), ...(cursor ? { cursor } : {}) })
      .expect(200);
    const body = response.body as { items: { id: string; status: string }[]; nextCursor: string | null };
    for (const item of body.items) expect(item.status).toBe(status);
    ids.push(...body.items.map((item) => item.id));
    cursor = body.nextCursor;
  } while (cursor);
  return ids;
}

/** Verify and reject entries in the audit log for these certificates. */
async function decisionsRecorded(ctx: Pick<TestContext, 'prisma'>, certificationIds: string[]): Promise<number> {
  return ctx.prisma.auditLog.count({
    where: {
      entityId: { in: certificationIds },
      action: { in: ['certification.verified', 'certification.rejected'] },
    },
  });
}

describe('submitting certifications', () => {
  const ctx = useTestApp();

  it('records a submitted certificate as PENDING with every field for its therapist', async () => {
    const therapist = await registerUser(ctx, 'therapist');
    const body = certificationBody('prenatal', {
      issuer: '  Prenatal Institute ',
      issuedOn: '2025-02-01',
      expiresOn: '2030-01-31',
    });
    const response = await ctx.http
      .post(`/therapists/${therapist.user.therapistId}/certifications`)
      .set(therapist.auth)
      .send(body)
      .expect(201);
    expect(response.body).toEqual({
      id: expect.any(String),
      kind: 'prenatal',
      issuer: 'Prenatal Institute',
      number: body.number,
      issuedOn: '2025-02-01',
      expiresOn: '2030-01-31',
      status: 'PENDING',
      rejectionReason: null,
      reviewedAt: null,
      createdAt: expect.any(String),
    });
  });

  it('validates kind, dates and unknown fields with field errors', async () => {
    const therapist = await registerUser(ctx, 'therapist');
    const path = `/therapists/${therapist.user.therapistId}/certifications`;
    const kind = await ctx.http.post(path).set(therapist.auth).send(certificationBody('reiki')).expect(400);
    expect(kind.body.errors).toEqual([{ path: 'body.kind', message: expect.any(String) }]);
    const order = await ctx.http
      .post(path)
      .set(therapist.auth)
      .send(certificationBody('licence', { issuedOn: '2026-05-01', expiresOn: '2026-04-30' }))
      .expect(400);
    expect(order.body.errors).toEqual([{ path: 'body.expiresOn', message: 'must not be before issuedOn' }]);
    const date = await ctx.http
      .post(path)
      .set(therapist.auth)
      .send(certificationBody('licence', { expiresOn: '2030-02-30' }))
      .expect(400);
    expect(date.body.errors).toEqual([{ path: 'body.expiresOn', message: 'is not a calendar date' }]);
    await ctx.http
      .post(path)
      .set(therapist.auth)
      .send({ ...certificationBody('licence'), status: 'VERIFIED' })
      .expect(400);
    await ctx.http.post(path).set(therapist.auth).send({ ...certificationBody('licence'), number: '   ' }).expect(400);
  });

  it('refuses an already expired certificate with 422', async () => {
    const therapist = await registerUser(ctx, 'therapist');
    const response = await ctx.http
      .post(`/therapists/${therapist.user.therapistId}/certifications`)
      .set(therapist.auth)
      .send(certificationBody('licence', { issuedOn: '2015-01-01', expiresOn: '2020-01-01' }))
      .expect(422);
    expect(response.body).toMatchObject({ status: 422, code: 'certification-expired' });
  });

  it('lets only the therapist themself submit', async () => {
    const owner = await registerUser(ctx, 'therapist');
    const other = await registerUser(ctx, 'therapist');
    const client = await registerUser(ctx, 'client');
    const admin = await createAdmin(ctx);
    const path = `/therapists/${owner.user.therapistId}/certifications`;
    const byOther = await ctx.http.post(path).set(other.auth).send(certificationBody('licence')).expect(403);
    expect(byOther.body.code).toBe('not-your-profile');
    await ctx.http.post(path).set(client.auth).send(certificationBody('licence')).expect(403);
    await ctx.http.post(path).set(admin.auth).send(certificationBody('licence')).expect(403);
    await ctx.http.post(path).send(certificationBody('licence')).expect(401);
    await ctx.http
      .post('/therapists/unknown/certifications')
      .set(other.auth)
      .send(certificationBody('licence'))
      .expect(404);
    expect(await ctx.prisma.certification.count({ where: { therapistId: owner.user.therapistId } })).toBe(0);
  });
});

describe('reading certifications', () => {
  const ctx = useTestApp();

  it('shows the public only verified certificates, never a number', async () => {
    const therapist = await registerUser(ctx, 'therapist');
    const admin = await createAdmin(ctx);
    const licence = certificationBody('licence');
    const pending = certificationBody('prenatal');
    const licenceId = await submitCertification(ctx, therapist, licence);
    await submitCertification(ctx, therapist, pending);
    await ctx.http.post(`/admin/certifications/${licenceId}/verify`).set(admin.auth).expect(200);

    const path = `/therapists/${therapist.user.therapistId}/certifications`;
    const otherTherapist = await registerUser(ctx, 'therapist');
    const client = await registerUser(ctx, 'client');
    for (const caller of [undefined, client, otherTherapist]) {
      const request = ctx.http.get(path);
      const response = await (caller ? request.set(caller.auth) : request).expect(200);
      expect(response.body).toEqual({
        items: [
          {
            id: licenceId,
            kind: 'licence',
            issuer: licence.issuer,
            issuedOn: licence.issuedOn,
            expiresOn: licence.expiresOn,
            status: 'VERIFIED',
          },
        ],
        nextCursor: null,
      });
      expect(response.text).not.toContain(licence.number);
      expect(response.text).not.toContain(pending.number);
    }
    for (const publicPath of [`/therapists/${therapist.user.therapistId}`, '/therapists?limit=100']) {
      const response = await ctx.http.get(publicPath).expect(200);
      expect(response.text).not.toContain(licence.number);
    }
  });

  it('shows the therapist themself and admins every certificate with its number', async () => {
    const therapist = await registerUser(ctx, 'therapist');
    const admin = await createAdmin(ctx);
    const licence = certificationBody('licence');
    const sports = certificationBody('sports');
    const licenceId = await submitCertification(ctx, therapist, licence);
    const sportsId = await submitCertification(ctx, therapist, sports);
    await ctx.http
      .post(`/admin/certifications/${sportsId}/reject`)
      .set(admin.auth)
      .send({ reason: 'Number not in the register' })
      .expect(200);
    for (const caller of [therapist, admin]) {
      const response = await ctx.http
        .get(`/therapists/${therapist.user.therapistId}/certifications`)
        .set(caller.auth)
        .expect(200);
      expect(response.body.items).toEqual([
        expect.objectContaining({ id: licenceId, number: licence.number, status: 'PENDING', rejectionReason: null }),
        expect.objectContaining({
          id: sportsId,
          number: sports.number,
          status: 'REJECTED',
          rejectionReason: 'Number not in the register',
          reviewedAt: expect.any(String),
        }),
      ]);
    }
  });

  it('pages a therapist’s certificates oldest first', async () => {
    const therapist = await registerUser(ctx, 'therapist');
    const ids: string[] = [];
    for (const kind of ['licence', 'sports', 'shiatsu']) {
      ids.push(await submitCertification(ctx, therapist, certificationBody(kind)));
    }
    const path = `/therapists/${therapist.user.therapistId}/certifications`;
    const first = await ctx.http.get(path).set(therapist.auth).query({ limit: 2 }).expect(200);
    const second = await ctx.http
      .get(path)
      .set(therapist.auth)
      .query({ limit: 2, cursor: first.body.nextCursor })
      .expect(200);
    expect([...first.body.items, ...second.body.items].map((item: { id: string }) => item.id)).toEqual(ids);
    expect(second.body.nextCursor).toBeNull();
  });

  it('answers 404 for an unknown therapist', async () => {
    await ctx.http.get('/therapists/unknown-id/certifications').expect(404);
  });
});

describe('admin verification', () => {
  const ctx = useTestApp();

  it('verifies a pending certificate, records who and when, and makes the therapist bookable', async () => {
    const therapist = await registerUser(ctx, 'therapist');
    await ctx.http
      .patch(`/therapists/${therapist.user.therapistId}`)
      .set(therapist.auth)
      .send({ massageTypes: ['swedish'] })
      .expect(200);
    const admin = await createAdmin(ctx);
    const licence = certificationBody('licence');
    const id = await submitCertification(ctx, therapist, licence);
    const response = await ctx.http.post(`/admin/certifications/${id}/verify`).set(admin.auth).expect(200);
    expect(response.body).toEqual({
      id,
      kind: 'licence',
      issuer: licence.issuer,
      number: licence.number,
      issuedOn: licence.issuedOn,
      expiresOn: licence.expiresOn,
      status: 'VERIFIED',
      rejectionReason: null,
      reviewedAt: expect.any(String),
      createdAt: expect.any(String),
      therapist: { id: therapist.user.therapistId, name: 'Terry Therapist' },
    });
    const audit = await ctx.prisma.auditLog.findMany({ where: { entityId: id, action: 'certification.verified' } });
    expect(audit).toEqual([
      expect.objectContaining({
        actorId: admin.user.id,
        entityType: 'Certification',
        data: { therapistId: therapist.user.therapistId, kind: 'licence' },
        // The decision and its audit entry are stamped with one instant of the app's clock.
        createdAt: new Date(response.body.reviewedAt),
      }),
    ]);
    const profile = await ctx.http.get(`/therapists/${therapist.user.therapistId}`).expect(200);
    expect(profile.body.bookable).toEqual(['swedish']);
  });

  it('rejects with a required reason and records it', async () => {
    const therapist = await registerUser(ctx, 'therapist');
    const admin = await createAdmin(ctx);
    const id = await submitCertification(ctx, therapist, certificationBody('licence'));
    const missing = await ctx.http.post(`/admin/certifications/${id}/reject`).set(admin.auth).send({}).expect(400);
    expect(missing.body.errors).toEqual([{ path: 'body.reason', message: expect.any(String) }]);
    await ctx.http.post(`/admin/certifications/${id}/reject`).set(admin.auth).send({ reason: '   ' }).expect(400);
    const response = await ctx.http
      .post(`/admin/certifications/${id}/reject`)
      .set(admin.auth)
      .send({ reason: ' Scan unreadable ' })
      .expect(200);
    expect(response.body).toMatchObject({ id, status: 'REJECTED', rejectionReason: 'Scan unreadable' });
    const audit = await ctx.prisma.auditLog.findMany({ where: { entityId: id, action: 'certification.rejected' } });
    expect(audit).toEqual([
      expect.objectContaining({ actorId: admin.user.id, data: expect.objectContaining({ reason: 'Scan unreadable' }) }),
    ]);
  });

  it('refuses a second decision with 409 naming the current status', async () => {
    const therapist = await registerUser(ctx, 'therapist');
    const admin = await createAdmin(ctx);
    const verified = await submitCertification(ctx, therapist, certificationBody('licence'));
    const rejected = await submitCertification(ctx, therapist, certificationBody('sports'));
    await ctx.http.post(`/admin/certifications/${verified}/verify`).set(admin.auth).expect(200);
    await ctx.http.post(`/admin/certifications/${rejected}/reject`).set(admin.auth).send({ reason: 'No' }).expect(200);

    const again = await ctx.http.post(`/admin/certifications/${verified}/verify`).set(admin.auth).expect(409);
    expect(again.body).toMatchObject({ code: 'certification-not-pending', currentStatus: 'VERIFIED' });
    expect(again.body.detail).toContain('VERIFIED');
    const rejectVerified = await ctx.http
      .post(`/admin/certifications/${verified}/reject`)
      .set(admin.auth)
      .send({ reason: 'x' })
      .expect(409);
    expect(rejectVerified.body.currentStatus).toBe('VERIFIED');
    const verifyRejected = await ctx.http.post(`/admin/certifications/${rejected}/verify`).set(admin.auth).expect(409);
    expect(verifyRejected.body).toMatchObject({ code: 'certification-not-pending', currentStatus: 'REJECTED' });
    expect(await decisionsRecorded(ctx, [verified, rejected])).toBe(2);
  });

  it('lets exactly one of two simultaneous decisions through', async () => {
    const therapist = await registerUser(ctx, 'therapist');
    const [first, second] = await Promise.all([createAdmin(ctx), createAdmin(ctx)]);
    const id = await submitCertification(ctx, therapist, certificationBody('licence'));
    const responses = await Promise.all([
      ctx.http.post(`/admin/certifications/${id}/verify`).set(first.auth),
      ctx.http.post(`/admin/certifications/${id}/reject`).set(second.auth).send({ reason: 'Doubtful' }),
    ]);
    expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
    expect(await decisionsRecorded(ctx, [id])).toBe(1);
  });

  it('keeps verification to admins', async () => {
    const therapist = await registerUser(ctx, 'therapist');
    const client = await registerUser(ctx, 'client');
    const id = await submitCertification(ctx, therapist, certificationBody('licence'));
    const byClient = await ctx.http.post(`/admin/certifications/${id}/verify`).set(client.auth).expect(403);
    expect(byClient.body.code).toBe('role-not-allowed');
    await ctx.http.post(`/admin/certifications/${id}/verify`).set(therapist.auth).expect(403);
    await ctx.http.post(`/admin/certifications/${id}/reject`).set(client.auth).send({ reason: 'x' }).expect(403);
    await ctx.http.get('/admin/certifications').set(client.auth).expect(403);
    await ctx.http.get('/admin/certifications').expect(401);
    const stored = await ctx.prisma.certification.findUniqueOrThrow({ where: { id } });
    expect(stored.status).toBe('PENDING');
  });

  it('answers 404 for an unknown certification', async () => {
    const admin = await createAdmin(ctx);
    await ctx.http.post('/admin/certifications/not-an-id/verify').set(admin.auth).expect(404);
    await ctx.http
      .post('/admin/certifications/0192f000-0000-7000-8000-000000000000/reject')
      .set(admin.auth)
      .send({ reason: 'x' })
      .expect(404);
  });

  it('lists the pending queue oldest first across pages, with whose certificate each is', async () => {
    const therapist = await registerUser(ctx, 'therapist', { name: 'Queue Tester' });
    const admin = await createAdmin(ctx);
    const mine: string[] = [];
    for (const kind of ['licence', 'sports', 'shiatsu']) {
      mine.push(await submitCertification(ctx, therapist, certificationBody(kind)));
    }
    await ctx.http.post(`/admin/certifications/${mine[1]}/verify`).set(admin.auth).expect(200);

    const pending = await queueIds(ctx, admin, 'PENDING', 2);
    expect(new Set(pending).size).toBe(pending.length);
    expect(pending.filter((id) => mine.includes(id))).toEqual([mine[0], mine[2]]);
    expect(await queueIds(ctx, admin, 'VERIFIED', 50)).toContain(mine[1]);

    const page = await ctx.http
      .get('/admin/certifications')
      .set(admin.auth)
      .query({ status: 'PENDING', limit: 100 })
      .expect(200);
    const item = page.body.items.find((entry: { id: string }) => entry.id === mine[0]);
    expect(item).toMatchObject({
      status: 'PENDING',
      therapist: { id: therapist.user.therapistId, name: 'Queue Tester' },
    });
    await ctx.http.get('/admin/certifications').set(admin.auth).query({ status: 'LOST' }).expect(400);
  });
});

describe('expiry', () => {
  it('reads a verified certificate as EXPIRED after its expiry date, everywhere, and ends bookability', async () => {
    const clock = new ManualClock(new Date('2026-11-20T12:00:00Z'));
    const app = await createTestApp({ clock });
    try {
      const therapist = await registerUser(app, 'therapist');
      const therapistId = therapist.user.therapistId;
      await app.http
        .patch(`/therapists/${therapistId}`)
        .set(therapist.auth)
        .send({ massageTypes: ['swedish'] })
        .expect(200);
      const admin = await createAdmin(app);
      const id = await submitCertification(app, therapist, certificationBody('licence', { expiresOn: '2026-11-30' }));
      await app.http.post(`/admin/certifications/${id}/verify`).set(admin.auth).expect(200);

      clock.set(new Date('2026-11-30T23:59:00Z'));
      expect((await app.http.get(`/therapists/${therapistId}`).expect(200)).body.bookable).toEqual(['swedish']);

      clock.set(new Date('2026-12-01T00:00:00Z'));
      const profile = await app.http.get(`/therapists/${therapistId}`).expect(200);
      expect(profile.body).toMatchObject({ bookable: [], certifications: [] });
      const publicList = await app.http.get(`/therapists/${therapistId}/certifications`).expect(200);
      expect(publicList.body.items).toEqual([]);
      const owner = await login(app, therapist.user.email, DEFAULT_PASSWORD);
      const ownList = await app.http.get(`/therapists/${therapistId}/certifications`).set(owner.auth).expect(200);
      expect(ownList.body.items).toEqual([expect.objectContaining({ id, status: 'EXPIRED' })]);
      const freshAdmin = await login(app, admin.user.email, DEFAULT_PASSWORD);
      expect(await queueIds(app, freshAdmin, 'EXPIRED', 100)).toContain(id);
      expect(await queueIds(app, freshAdmin, 'VERIFIED', 100)).not.toContain(id);
      expect(await listTherapistIds(app, { bookable: 'false' })).toContain(therapistId);
      const again = await app.http.post(`/admin/certifications/${id}/verify`).set(freshAdmin.auth).expect(409);
      expect(again.body.currentStatus).toBe('EXPIRED');
    } finally {
      await app.close();
    }
  });

  it('refuses to verify a pending certificate whose expiry date passed while it waited', async () => {
    const clock = new ManualClock(new Date('2026-11-20T12:00:00Z'));
    const app = await createTestApp({ clock });
    try {
      const therapist = await registerUser(app, 'therapist');
      const id = await submitCertification(app, therapist, certificationBody('licence', { expiresOn: '2026-11-25' }));
      clock.set(new Date('2026-11-26T09:00:00Z'));
      const admin = await createAdmin(app);
      const response = await app.http.post(`/admin/certifications/${id}/verify`).set(admin.auth).expect(422);
      expect(response.body.code).toBe('certification-expired');
      await app.http.post(`/admin/certifications/${id}/reject`).set(admin.auth).send({ reason: 'Expired' }).expect(200);
    } finally {
      await app.close();
    }
  });
});
