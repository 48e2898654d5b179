import type { DependenciesOf } from '../../deps.ts';
import type { Review } from '../../generated/prisma/client.ts';
import { recordAudit } from '../../lib/audit.ts';
import { recordChange } from '../events/record-change.ts';
import { isUniqueViolation } from '../../lib/db-errors.ts';
import { ConflictError, NotFoundError, RuleViolationError } from '../../lib/errors.ts';
import { decodeCursor, instantCursorSchema, toPage, type Page, type PageQuery } from '../../lib/pagination.ts';
import { formatInstant } from '../../lib/time.ts';
import type { Principal } from '../../plugins/auth.ts';
import { assertTherapistExists } from '../therapists/therapist-access.ts';
import { findVisibleReviews, toPublicReview } from './reviews.repository.ts';
import { canEditReview, normalizeComment, reviewEditableUntil, reviewRefusal } from './reviews.rules.ts';
import type {
  CreateReviewInput,
  ModeratedReviewView,
  OwnReviewView,
  PublicReviewView,
  UpdateReviewInput,
} from './reviews.schemas.ts';

export function toOwnReview(review: Review): OwnReviewView {
  return {
    id: review.id,
    appointmentId: review.appointmentId,
    therapistId: review.therapistId,
    rating: review.rating,
    comment: review.comment,
    createdAt: formatInstant(review.createdAt),
    updatedAt: formatInstant(review.updatedAt),
    editableUntil: formatInstant(reviewEditableUntil(review.createdAt)),
  };
}


const REVIEW_EXISTS = 'This appointment has already been reviewed; edit the review instead';

export function createReviewService(deps: DependenciesOf<'prisma' | 'clock'>) {
  const { prisma, clock } = deps;

  async function create(client: Principal, appointmentId: string, input: CreateReviewInput): Promise<OwnReviewView> {
    const now = clock.now();
    try {
      return await prisma.$transaction(async (tx) => {
        const appointment = await tx.appointment.findUnique({
          where: { id: appointmentId },
          select: { clientId: true, therapistId: true, status: true, review: { select: { id: true } } },
        });
        const refusal = reviewRefusal(appointment, appointment?.review != null, client.userId);
        if (refusal?.code === 'appointment-not-found') throw new NotFoundError('The appointment', refusal.code);
        if (refusal?.code === 'appointment-not-completed') {
          throw new ConflictError(
            refusal.code,
            `Only a completed appointment can be reviewed; this one is ${refusal.currentStatus}`,
            { currentStatus: refusal.currentStatus },
          );
        }
        if (refusal?.code === 'review-exists' || !appointment) throw new ConflictError('review-exists', REVIEW_EXISTS);
        const review = await tx.review.create({
          data: {
            appointmentId,
            therapistId: appointment.therapistId,
            clientId: client.userId,
            rating: input.rating,
            comment: normalizeComment(input.comment),
            createdAt: now,
            updatedAt: now,
          },
        });
        await recordChange(
          tx,
          {
            actorId: client.userId,
            at: now,
            action: 'review.created',
            entityType: 'Review',
            entityId: review.id,
            data: { appointmentId, therapistId: review.therapistId, rating: review.rating },
          },
          {
            type: 'review.created',
            subjectId: review.id,
            subjectVersion: 1,
            payload: { reviewId: review.id, appointmentId, therapistId: review.therapistId },
          },
        );
        return toOwnReview(review);
      });
    } catch (error) {
      // Two submissions at once: the unique appointmentId lets exactly one through.
      if (isUniqueViolation(error)) throw new ConflictError('review-exists', REVIEW_EXISTS);
      throw error;
    }
  }

  /** The author may change rating and comment for 7 days; a hidden review stays as the moderator left it. */
  async function update(client: Principal, appointmentId: string, input: UpdateReviewInput): Promise<OwnReviewView> {
    const now = clock.now();
    return prisma.$transaction(async (tx) => {
      const review = await tx.review.findUnique({ where: { appointmentId } });
      // Someone else's review, or no review: the same answer, so appointments cannot be probed.
      if (!review || review.clientId !== client.userId) throw new NotFoundError('The review', 'review-not-found');
      if (review.hiddenAt) throw new ConflictError('review-hidden', 'A hidden review can no longer be edited');
      if (!canEditReview(review.createdAt, now)) {
        const until = formatInstant(reviewEditableUntil(review.createdAt));
        throw new RuleViolationError(
          'review-edit-window-closed',
          `Reviews can be edited for 7 days; this one could be edited until ${until}`,
          { editableUntil: until },
        );
      }
      const updated = await tx.review.update({
        where: { id: review.id },
        data: {
          ...(input.rating !== undefined ? { rating: input.rating } : {}),
          ...(input.comment !== undefined ? { comment: normalizeComment(input.comment) } : {}),
          updatedAt: now,
        },
      });
      return toOwnReview(updated);
    });
  }

  async function listForTherapist(therapistId: string, query: PageQuery): Promise<Page<PublicReviewView>> {
    const after = decodeCursor(query.cursor, instantCursorSchema);
    await assertTherapistExists(prisma, therapistId);
    const rows = await findVisibleReviews(
      prisma,
      therapistId,
      query.limit + 1,
      after,
    );
    return toPage(rows, query.limit, (row) => ({ key: row.createdAt.toISOString(), tie: row.id }), toPublicReview);
  }

  /** Hiding takes the review out of every public list and average at once, because both read only visible rows. */
  async function hide(admin: Principal, reviewId: string, reason: string): Promise<ModeratedReviewView> {
    const now = clock.now();
    return prisma.$transaction(async (tx) => {
      const review = await tx.review.findUnique({ where: { id: reviewId } });
      if (!review) throw new NotFoundError('The review', 'review-not-found');
      // Conditional on still being visible, so of two moderators at once exactly one records the decision.
      const { count } = await tx.review.updateMany({
        where: { id: reviewId, hiddenAt: null },
        data: { hiddenAt: now, hiddenReason: reason, hiddenById: admin.userId },
      });
      if (count === 0) throw new ConflictError('review-already-hidden', 'This review is already hidden');
      await recordAudit(tx, {
        actorId: admin.userId,
        at: now,
        action: 'review.hidden',
        entityType: 'Review',
        entityId: review.id,
        data: { therapistId: review.therapistId, reason },
      });
      return {
        id: review.id,
        appointmentId: review.appointmentId,
        therapistId: review.therapistId,
        rating: review.rating,
        comment: review.comment,
        createdAt: formatInstant(review.createdAt),
        hiddenAt: formatInstant(now),
        hiddenReason: reason,
      };
    });
  }

  return { create, update, listForTherapist, hide };
}
