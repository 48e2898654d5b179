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
  name: z.string().trim().min(1).max(100).describe('Name shown to clients'),
  description: z.string().trim().max(2000).describe('What the treatment is, for clients choosing one'),
  durations: durationsSchema.describe('Session lengths offered, in minutes (15–240, multiples of 5); stored ascending'),
  priceCents: z.number().int().min(0).max(10_000_000).describe('Price of a 60-minute session, in minor units'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR').describe('ISO 4217 code of the price'),
  pressure: pressureSchema.describe('How firm the treatment is; health screening rules key on it'),
  requiredCertification: certificationKindSchema
    .nullable()
    .describe('Certification a therapist needs verified to be bookable for this type'),
  position: z.number().int().min(0).max(10_000).describe('Order in the catalogue'),
};

export const createMassageTypeBodySchema = z
  .strictObject({
    slug: slugSchema.describe('Stable identifier in URLs and bookings, e.g. `hot-stone`; cannot be changed later'),
    ...massageTypeFields,
    description: massageTypeFields.description.default(''),
    currency: massageTypeFields.currency.default('EUR'),
    pressure: massageTypeFields.pressure.default('medium'),
    requiredCertification: massageTypeFields.requiredCertification.default(null),
    position: massageTypeFields.position.default(0),
  })
  .meta({
    example: {
      slug: 'lymphatic-drainage',
      name: 'Lymphatic drainage',
      description: 'Gentle rhythmic strokes that follow the lymph vessels.',
      durations: [45, 60],
      priceCents: 7500,
      currency: 'EUR',
      pressure: 'light',
      requiredCertification: null,
      position: 80,
    },
  });
export type CreateMassageTypeInput = z.infer<typeof createMassageTypeBodySchema>;

export const updateMassageTypeBodySchema = z
  .strictObject(massageTypeFields)
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'must change at least one field' });
export type UpdateMassageTypeInput = z.infer<typeof updateMassageTypeBodySchema>;

export const slugParamsSchema = z.object({ slug: z.string().min(1).describe('Massage type slug, e.g. `swedish`') });

export const massageTypeSchema = z
  .object({
    slug: z.string().describe('Stable identifier, used in URLs and when booking'),
    name: z.string().describe('Name shown to clients'),
    description: z.string().describe('What the treatment is; may be empty'),
    durations: z.array(z.number().int()).describe('Session lengths offered, in minutes, ascending'),
    priceCents: z.number().int().describe('Price of a 60-minute session, in minor units of `currency`'),
    currency: z.string().describe('ISO 4217 code, e.g. EUR'),
    pressure: pressureSchema.describe('How firm the treatment is: light, medium, firm or variable'),
    requiredCertification: z
      .string()
      .nullable()
      .describe('Certification kind a therapist needs verified to be bookable for it; null: the licence suffices'),
  })
  .meta({ id: 'MassageType' });
export type MassageTypeView = z.infer<typeof massageTypeSchema>;
