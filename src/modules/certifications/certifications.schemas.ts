import { z } from 'zod';
import { pageQuerySchema } from '../../lib/pagination.ts';
import { localDateSchema } from '../../lib/time.ts';
import { certificationKindSchema } from './certification-kinds.ts';

export const certificationStatusSchema = z
  .enum(['PENDING', 'VERIFIED', 'REJECTED', 'EXPIRED'])
  .describe('EXPIRED: verified, but the expiry date has passed (computed on every read)');

export const submitCertificationBodySchema = z
  .strictObject({
    kind: certificationKindSchema,
    issuer: z.string().trim().min(1, 'must not be empty').max(200).describe('Issuing body'),
    number: z.string().trim().min(1, 'must not be empty').max(100).describe('Licence or certificate number'),
    issuedOn: localDateSchema,
    expiresOn: localDateSchema.describe('Valid through the whole of this day'),
  })
  .refine((body) => body.expiresOn >= body.issuedOn, {
    message: 'must not be before issuedOn',
    path: ['expiresOn'],
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
    id: z.string(),
    kind: z.string(),
    issuer: z.string(),
    number: z.string().optional(),
    issuedOn: z.string(),
    expiresOn: z.string(),
    status: certificationStatusSchema,
    rejectionReason: z.string().nullable().optional(),
    reviewedAt: z.string().nullable().optional(),
    createdAt: z.string().optional(),
  })
  .meta({ id: 'Certification' });
export type CertificationView = z.infer<typeof certificationSchema>;

/** A certificate in the admin queue, with whose it is. */
export const queuedCertificationSchema = certificationSchema
  .extend({
    number: z.string(),
    createdAt: z.string(),
    therapist: z.object({ id: z.string(), name: z.string() }),
  })
  .meta({ id: 'QueuedCertification' });
export type QueuedCertificationView = z.infer<typeof queuedCertificationSchema>;
