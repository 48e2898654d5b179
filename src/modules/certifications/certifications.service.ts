import type { DependenciesOf } from '../../deps.ts';
import { certificationEvent } from '../events/domain-events.ts';
import { recordChange } from '../events/record-change.ts';
import { RuleViolationError } from '../../lib/errors.ts';
import { decodeCursor, idCursorSchema, toPage, type Page, type PageQuery } from '../../lib/pagination.ts';
import type { Principal } from '../../plugins/auth.ts';
import { assertOwnProfile, assertTherapistExists, canSeePrivateDetails } from '../therapists/therapist-access.ts';
import {
  currentlyVerified,
  privateCertificationSelect,
  publicCertificationSelect,
  toPrivateCertification,
  toPublicCertification,
} from './certification-views.ts';
import { submissionRefusal } from './certifications.rules.ts';
import type { CertificationView, SubmitCertificationInput } from './certifications.schemas.ts';

const asDate = (localDate: string) => new Date(`${localDate}T00:00:00Z`);

export function createCertificationService(deps: DependenciesOf<'prisma' | 'clock'>) {
  const { prisma, clock } = deps;

  /** A new certificate waits as PENDING until an admin verifies it; only then does it count for bookability. */
  async function submit(
    therapist: Principal,
    therapistId: string,
    input: SubmitCertificationInput,
  ): Promise<CertificationView> {
    await assertOwnProfile(prisma, therapist, therapistId);
    const now = clock.now();
    const dates = { issuedOn: asDate(input.issuedOn), expiresOn: asDate(input.expiresOn) };
    const refusal = submissionRefusal(dates, now);
    if (refusal) throw new RuleViolationError(refusal.code, refusal.detail);
    return prisma.$transaction(async (tx) => {
      const created = await tx.certification.create({
        data: { therapistId, kind: input.kind, issuer: input.issuer, number: input.number, ...dates, createdAt: now },
        select: privateCertificationSelect,
      });
      await recordChange(
        tx,
        {
          actorId: therapist.userId,
          at: now,
          action: 'certification.submitted',
          entityType: 'Certification',
          entityId: created.id,
          data: { therapistId, kind: input.kind },
        },
        certificationEvent('certification.submitted', created, therapistId),
      );
      return toPrivateCertification(created, now);
    });
  }

  /**
   * The therapist themself and admins get every certificate with all its fields; anyone else gets the verified,
   * unexpired ones without numbers. Oldest first.
   */
  async function listForTherapist(
    caller: Principal | null,
    therapistId: string,
    query: PageQuery,
  ): Promise<Page<CertificationView>> {
    const after = decodeCursor(query.cursor, idCursorSchema);
    await assertTherapistExists(prisma, therapistId);
    const now = clock.now();
    const page = { orderBy: { id: 'asc' as const }, take: query.limit + 1 };
    const afterId = after ? { id: { gt: after.id } } : {};
    const positionOf = (row: { id: string }) => ({ id: row.id });
    if (canSeePrivateDetails(caller, therapistId)) {
      const rows = await prisma.certification.findMany({
        ...page,
        where: { therapistId, ...afterId },
        select: privateCertificationSelect,
      });
      return toPage(rows, query.limit, positionOf, (row) => toPrivateCertification(row, now));
    }
    const rows = await prisma.certification.findMany({
      ...page,
      where: { therapistId, ...currentlyVerified(now), ...afterId },
      select: publicCertificationSelect,
    });
    return toPage(rows, query.limit, positionOf, (row) => toPublicCertification(row, now));
  }

  return { submit, listForTherapist };
}
