// The admin side of certificates: the review queue and the verify/reject decisions.
import type { DependenciesOf } from '../../deps.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { certificationEvent } from '../events/domain-events.ts';
import { recordChange } from '../events/record-change.ts';
import { ConflictError, NotFoundError, RuleViolationError } from '../../lib/errors.ts';
import { decodeCursor, instantCursorSchema, keysetOrderBy, rowsAfter, toPage, type Page } from '../../lib/pagination.ts';
import type { Principal } from '../../plugins/auth.ts';
import { currentlyVerified, queuedCertificationSelect, toQueuedCertification } from './certification-views.ts';
import { decisionRefusal, earliestValidExpiry, type EffectiveCertificationStatus } from './certifications.rules.ts';
import type { CertificationQueueQuery, QueuedCertificationView } from './certifications.schemas.ts';

const QUEUE_ORDER = { key: 'createdAt' } as const;

/** The stored rows that read as `status` at `now` (EXPIRED is mostly computed: VERIFIED past the expiry date). */
function whereEffectiveStatus(status: EffectiveCertificationStatus, now: Date): Prisma.CertificationWhereInput {
  const firstValidDay = new Date(`${earliestValidExpiry(now)}T00:00:00Z`);
  switch (status) {
    case 'VERIFIED':
      return currentlyVerified(now);
    case 'EXPIRED':
      return { OR: [{ status: 'EXPIRED' }, { status: 'VERIFIED', expiresOn: { lt: firstValidDay } }] };
    default:
      return { status };
  }
}

type Decision = { kind: 'verify' } | { kind: 'reject'; reason: string };

export function createCertificationDecisionService(deps: DependenciesOf<'prisma' | 'clock'>) {
  const { prisma, clock } = deps;

  /** Oldest first, so the certificates that have waited longest are decided first. */
  async function queue(query: CertificationQueueQuery): Promise<Page<QueuedCertificationView>> {
    const after = decodeCursor(query.cursor, instantCursorSchema);
    const now = clock.now();
    const rows = await prisma.certification.findMany({
      where: {
        AND: [
          query.status ? whereEffectiveStatus(query.status, now) : {},
          rowsAfter<Prisma.CertificationWhereInput>(QUEUE_ORDER, after),
        ],
      },
      orderBy: keysetOrderBy(QUEUE_ORDER),
      take: query.limit + 1,
      select: queuedCertificationSelect,
    });
    return toPage(
      rows,
      query.limit,
      (row) => ({ key: row.createdAt.toISOString(), tie: row.id }),
      (row) => toQueuedCertification(row, now),
    );
  }

  /**
   * Records the decision and its audit entry in one transaction. The update is conditional on the row still being
   * PENDING, so of two admins deciding at once exactly one wins and the other gets the 409.
   */
  async function decide(
    admin: Principal,
    certificationId: string,
    decision: Decision,
  ): Promise<QueuedCertificationView> {
    const now = clock.now();
    return prisma.$transaction(async (tx) => {
      const current = await tx.certification.findUnique({
        where: { id: certificationId },
        select: { status: true, expiresOn: true },
      });
      if (!current) throw new NotFoundError('The certification', 'certification-not-found');
      const refusal = decisionRefusal(current, decision.kind, now);
      if (refusal?.code === 'certification-expired') {
        throw new RuleViolationError(
          refusal.code,
          'The certificate has expired and cannot be verified; reject it instead',
        );
      }
      const { count } = refusal
        ? { count: 0 }
        : await tx.certification.updateMany({
            where: { id: certificationId, status: 'PENDING' },
            data: {
              status: decision.kind === 'verify' ? 'VERIFIED' : 'REJECTED',
              rejectionReason: decision.kind === 'reject' ? decision.reason : null,
              reviewedById: admin.userId,
              reviewedAt: now,
            },
          });
      const row = await tx.certification.findUniqueOrThrow({
        where: { id: certificationId },
        select: queuedCertificationSelect,
      });
      const view = toQueuedCertification(row, now);
      if (count === 0) {
        throw new ConflictError(
          'certification-not-pending',
          `Only a PENDING certification can be verified or rejected; this one is ${view.status}`,
          { currentStatus: view.status },
        );
      }
      const type = decision.kind === 'verify' ? 'certification.verified' : 'certification.rejected';
      await recordChange(
        tx,
        {
          actorId: admin.userId,
          at: now,
          action: type,
          entityType: 'Certification',
          entityId: certificationId,
          data: {
            therapistId: row.therapist.id,
            kind: row.kind,
            ...(decision.kind === 'reject' ? { reason: decision.reason } : {}),
          },
        },
        certificationEvent(type, row, row.therapist.id),
      );
      return view;
    });
  }

  return {
    queue,
    verify: (admin: Principal, certificationId: string) => decide(admin, certificationId, { kind: 'verify' }),
    reject: (admin: Principal, certificationId: string, reason: string) =>
      decide(admin, certificationId, { kind: 'reject', reason }),
  };
}
