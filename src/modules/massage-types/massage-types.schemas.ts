import { z } from 'zod';
import { certificationKindSchema } from '../certifications/certification-kinds.ts';

export const slugSchema = z
  .string()
  .min(2)
  .max(50)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase letters and digits separated by single hyphens');

export const durationsSchema = z
  .array(z.number().int().min(15).max(240).multipleOf(5, 'must be a multiple of 5 minutes'))
  .min(1)
  .max(8)
  .refine((durations) => new Set(durations).size === durations.length, { message: 'must not repeat a duration' })
  .transform((durations) => [...durations].sort((a, b) => a - b));

export const pressureSchema = z.enum(['light', 'medium', 'firm', 'variable']);

const massageTypeFields = {
  name: z.string().trim().min(1).max(100),
  description: z.string().trim().max(2000),
  durations: durationsSchema,
  priceCents: z.number().int().min(0).max(10_000_000).describe('Price of a 60-minute session, in minor units'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR'),
  pressure: pressureSchema,
  requiredCertification: certificationKindSchema
    .nullable()
    .describe('Certification a therapist needs verified to be bookable for this type'),
  position: z.number().int().min(0).max(10_000).describe('Order in the catalogue'),
};

export const createMassageTypeBodySchema = z.strictObject({
  slug: slugSchema,
  ...massageTypeFields,
  description: massageTypeFields.description.default(''),
  currency: massageTypeFields.currency.default('EUR'),
  pressure: massageTypeFields.pressure.default('medium'),
  requiredCertification: massageTypeFields.requiredCertification.default(null),
  position: massageTypeFields.position.default(0),
});
export type CreateMassageTypeInput = z.infer<typeof createMassageTypeBodySchema>;

export const updateMassageTypeBodySchema = z
  .strictObject(massageTypeFields)
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'must change at least one field' });
export type UpdateMassageTypeInput = z.infer<typeof updateMassageTypeBodySchema>;

export const slugParamsSchema = z.object({ slug: z.string().min(1) });

export const massageTypeSchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    durations: z.array(z.number().int()),
    priceCents: z.number().int(),
    currency: z.string(),
    pressure: pressureSchema,
    requiredCertification: z.string().nullable(),
  })
  .meta({ id: 'MassageType' });
export type MassageTypeView = z.infer<typeof massageTypeSchema>;
