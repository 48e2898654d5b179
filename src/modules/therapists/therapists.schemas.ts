import { z } from 'zod';
import { pageQuerySchema } from '../../lib/pagination.ts';
import { timeZoneSchema } from '../../lib/time.ts';
import { displayNameSchema } from '../auth/auth.schemas.ts';
import { slugSchema } from '../massage-types/massage-types.schemas.ts';
import { publicReviewSchema } from '../reviews/reviews.schemas.ts';

export const listTherapistsQuerySchema = pageQuerySchema.extend({
  massageType: slugSchema.optional().describe('Only therapists who offer this type'),
  bookable: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional()
    .describe(
      'true: only therapists a client can book (for `massageType` if given, else for at least one type they ' +
        'offer): a verified, unexpired licence plus the type’s required certification. false: only the others.',
    ),
  minRating: z.coerce
    .number()
    .min(1)
    .max(5)
    .optional()
    .describe('Minimum average rating; unrated therapists never match'),
  sort: z
    .enum(['name', 'rating'])
    .default('name')
    .describe('name: A–Z. rating: highest average first, then most reviews; unrated last'),
});
export type ListTherapistsQuery = z.infer<typeof listTherapistsQuerySchema>;

export const ratingSummarySchema = z.object({
  average: z.number().nullable().describe('Over visible reviews, 2 decimals; null with no reviews'),
  count: z.number().int().describe('Number of visible reviews'),
});

export const therapistSchema = z
  .object({
    id: z.string().describe('The therapist id (not the user id)'),
    name: z.string().describe('Display name'),
    bio: z.string().describe('Free text the therapist wrote about themself; may be empty'),
    timeZone: z.string().describe("IANA zone the therapist's weekly hours are in"),
    massageTypes: z.array(z.string()).describe('Slugs offered, in catalogue order'),
    certifications: z
      .array(
        z.object({
          kind: z.string().describe('Certification kind, e.g. `licence`'),
          status: z.literal('VERIFIED').describe('Always VERIFIED: nothing else is public'),
        }),
      )
      .describe('Verified, unexpired certification kinds; never numbers'),
    rating: ratingSummarySchema.describe('Average and count of visible reviews'),
    bookable: z.array(z.string()).describe('Offered slugs a client can book now'),
  })
  .meta({ id: 'Therapist' });
export type TherapistView = z.infer<typeof therapistSchema>;

export const LATEST_REVIEWS = 5;

export const therapistDetailSchema = therapistSchema
  .extend({ latestReviews: z.array(publicReviewSchema).describe(`The ${LATEST_REVIEWS} newest visible reviews`) })
  .meta({ id: 'TherapistDetail' });
export type TherapistDetailView = z.infer<typeof therapistDetailSchema>;

export const updateTherapistBodySchema = z
  .strictObject({
    name: displayNameSchema.describe('Display name'),
    bio: z.string().trim().max(2000).describe('About the therapist, up to 2000 characters'),
    timeZone: timeZoneSchema.describe('IANA zone the weekly hours are read in, e.g. Europe/Berlin'),
    massageTypes: z
      .array(slugSchema)
      .max(50)
      .refine((slugs) => new Set(slugs).size === slugs.length, { message: 'must not repeat a massage type' })
      .describe('Replaces the offered types; unknown slugs are refused'),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'must change at least one field' });
export type UpdateTherapistInput = z.infer<typeof updateTherapistBodySchema>;

export const updatedTherapistSchema = therapistDetailSchema
  .extend({
    notBookable: z
      .array(
        z.object({
          massageType: z.string().describe('Slug of the offered type'),
          missingCertification: z.string().describe('Certification kind still to be verified'),
        }),
      )
      .describe('Offered types clients cannot book yet, and the verified certification each still needs'),
  })
  .meta({ id: 'UpdatedTherapist' });
export type UpdatedTherapistView = z.infer<typeof updatedTherapistSchema>;
