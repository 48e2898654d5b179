import { z } from 'zod';
import { MAX_REVIEW_COMMENT_LENGTH } from './reviews.rules.ts';

const ratingSchema = z.number().int('must be a whole number').min(1).max(5).describe('1 (poor) to 5 (excellent)');
const commentSchema = z
  .string()
  .trim()
  .max(MAX_REVIEW_COMMENT_LENGTH)
  .nullable()
  .describe(`Trimmed, at most ${MAX_REVIEW_COMMENT_LENGTH} characters; empty or null means no comment`);

export const createReviewBodySchema = z.strictObject({
  rating: ratingSchema,
  comment: commentSchema.optional(),
});
export type CreateReviewInput = z.infer<typeof createReviewBodySchema>;

export const updateReviewBodySchema = z
  .strictObject({ rating: ratingSchema, comment: commentSchema })
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'must change at least one field' });
export type UpdateReviewInput = z.infer<typeof updateReviewBodySchema>;

export const hideReviewBodySchema = z.strictObject({
  reason: z.string().trim().min(1, 'must not be empty').max(500).describe('Why the review is hidden (kept for audit)'),
});


/** What anyone may read: the reviewer appears by first name only. */
export const publicReviewSchema = z
  .object({
    id: z.string(),
    rating: z.number().int(),
    comment: z.string().nullable(),
    reviewerFirstName: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'PublicReview' });
export type PublicReviewView = z.infer<typeof publicReviewSchema>;

/** The author's own review, as the review endpoints return it. */
export const ownReviewSchema = z
  .object({
    id: z.string(),
    appointmentId: z.string(),
    therapistId: z.string(),
    rating: z.number().int(),
    comment: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    editableUntil: z.string().describe('Edits are accepted until this instant'),
  })
  .meta({ id: 'Review' });
export type OwnReviewView = z.infer<typeof ownReviewSchema>;

export const moderatedReviewSchema = z
  .object({
    id: z.string(),
    appointmentId: z.string(),
    therapistId: z.string(),
    rating: z.number().int(),
    comment: z.string().nullable(),
    createdAt: z.string(),
    hiddenAt: z.string(),
    hiddenReason: z.string(),
  })
  .meta({ id: 'ModeratedReview' });
export type ModeratedReviewView = z.infer<typeof moderatedReviewSchema>;
