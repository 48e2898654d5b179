import { z } from 'zod';
import { pageQuerySchema } from '../../lib/pagination.ts';
import { localDateSchema } from '../../lib/time.ts';
import { certificationKindSchema } from './certification-kinds.ts';

export const certificationStatusSchema = z
  .enum(['PENDING', 'VERIFIED', 'REJECTED', 'EXPIRED'])
  .describe('EXPIRED: verified, but the expiry date has passed (computed on every read)');

export const submitCertificationBodySchema = z
  .strictObject({
    kind: certificationKindSchema.describe('What the certificate qualifies for; `licence` is needed to be bookable at all'),
    issuer: z.string().trim().min(1, 'must not be empty').max(200).describe('Issuing body'),
    number: z.string().trim().min(1, 'must not be empty').max(100).describe('Licence or certificate number'),
    issuedOn: localDateSchema.describe('Date of issue, YYYY-MM-DD; not in the future'),
    expiresOn: localDateSchema.describe('Valid through the whole of this day'),
  })
  .refine((body) => body.expiresOn >= body.issuedOn, {
    message: 'must not be before issuedOn',
    path: ['expiresOn'],
  })
  .meta({
    example: {
      kind: 'licence',
      issuer: 'State Board of Massage Therapy',
      number: 'MT-2024-018734',
      issuedOn: '2024-03-01',
      expiresOn: '2028-02-29',
    },
  });
export type SubmitCertificationInput = z.infer<typeof submitCertificationBodySchema>;

export const rejectCertificationBodySchema = z.strictObject({
  reason: z.string().trim().min(1, 'must not be empty').max(500).describe('Shown to the therapist'),
});

export const certificationQueueQuerySchema = pageQuerySchema.extend({
  status: certificationStatusSchema.optional().describe('Omit for every certification'),
});
export type CertificationQueueQuery = z.infer<typeof certificationQueueQuerySchema>;

/**
 * One certificate. `number`, `rejectionReason`, `reviewedAt` and `createdAt` are present only for the therapist
 * it belongs to and for admins; the public view is never even loaded with them.
 */
export const certificationSchema = z
  .object({
    id: z.string().describe('The certification id'),
    kind: z.string().describe('What it qualifies for, e.g. `licence`, `prenatal`'),
    issuer: z.string().describe('Issuing body'),
    number: z.string().optional().describe('Licence or certificate number; only for its therapist and admins'),
    issuedOn: z.string().describe('Date of issue, YYYY-MM-DD'),
    expiresOn: z.string().describe('Last day of validity, YYYY-MM-DD'),
    status: certificationStatusSchema,
    rejectionReason: z
      .string()
      .nullable()
      .optional()
      .describe('Why an admin rejected it; null unless REJECTED; only for its therapist and admins'),
    reviewedAt: z
      .string()
      .nullable()
      .optional()
      .describe('When an admin verified or rejected it (ISO 8601); null while PENDING'),
    createdAt: z.string().optional().describe('When it was submitted (ISO 8601)'),
  })
  .meta({ id: 'Certification' });
export type CertificationView = z.infer<typeof certificationSchema>;

/** A certificate in the admin queue, with whose it is. */
export const queuedCertificationSchema = certificationSchema
  .extend({
    number: z.string().describe('Licence or certificate number, to check with the issuer'),
    createdAt: z.string().describe('When it was submitted (ISO 8601)'),
    therapist: z
      .object({ id: z.string().describe('The therapist id'), name: z.string().describe('Display name') })
      .describe('Whose certificate it is'),
  })
  .meta({ id: 'QueuedCertification' });
export type QueuedCertificationView = z.infer<typeof queuedCertificationSchema>;
