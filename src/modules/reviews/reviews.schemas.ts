import { z } from 'zod';
import { MAX_REVIEW_COMMENT_LENGTH } from './reviews.rules.ts';

const ratingSchema = z.number().int('must be a whole number').min(1).max(5).describe('1 (poor) to 5 (excellent)');
const commentSchema = z
  .string()
  .trim()
  .max(MAX_REVIEW_COMMENT_LENGTH)
  .nullable()
  .describe(`Trimmed, at most ${MAX_REVIEW_COMMENT_LENGTH} characters; empty or null means no comment`);

export const createReviewBodySchema = z
  .strictObject({
    rating: ratingSchema,
    comment: commentSchema.optional(),
  })
  .meta({ example: { rating: 5, comment: 'Listened carefully and adapted the pressure to my shoulder.' } });
export type CreateReviewInput = z.infer<typeof createReviewBodySchema>;

export const updateReviewBodySchema = z
  .strictObject({ rating: ratingSchema, comment: commentSchema })
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'must change at least one field' });
export type UpdateReviewInput = z.infer<typeof updateReviewBodySchema>;

export const hideReviewBodySchema = z.strictObject({
  reason: z.string().trim().min(1, 'must not be empty').max(500).describe('Why the review is hidden (kept for audit)'),
});

const reviewFields = {
  id: z.string().describe('The review id'),
  appointmentId: z.string().describe('The appointment reviewed'),
  therapistId: z.string().describe('The therapist reviewed'),
  rating: z.number().int().describe('1 (poor) to 5 (excellent)'),
  comment: z.string().nullable().describe('The reviewer’s words; null when they left none'),
  createdAt: z.string().describe('When the review was written (ISO 8601)'),
  updatedAt: z.string().describe('When it was written or last edited (ISO 8601)'),
};

/** What anyone may read: the reviewer appears by first name only. */
export const publicReviewSchema = z
  .object({
    id: reviewFields.id,
    rating: reviewFields.rating,
    comment: reviewFields.comment,
    reviewerFirstName: z.string().describe('The first word of the reviewer’s name; never the full name'),
    createdAt: reviewFields.createdAt,
    updatedAt: reviewFields.updatedAt,
  })
  .meta({ id: 'PublicReview' });
export type PublicReviewView = z.infer<typeof publicReviewSchema>;

/** The author's own review, as the review endpoints return it. */
export const ownReviewSchema = z
  .object({
    ...reviewFields,
    editableUntil: z.string().describe('Edits are accepted until this instant'),
  })
  .meta({ id: 'Review' });
export type OwnReviewView = z.infer<typeof ownReviewSchema>;

export const moderatedReviewSchema = z
  .object({
    id: reviewFields.id,
    appointmentId: reviewFields.appointmentId,
    therapistId: reviewFields.therapistId,
    rating: reviewFields.rating,
    comment: reviewFields.comment,
    createdAt: reviewFields.createdAt,
    hiddenAt: z.string().describe('When a moderator hid it (ISO 8601)'),
    hiddenReason: z.string().describe('Why it was hidden, as the moderator wrote it'),
  })
  .meta({ id: 'ModeratedReview' });
export type ModeratedReviewView = z.infer<typeof moderatedReviewSchema>;
