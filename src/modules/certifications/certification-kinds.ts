import { z } from 'zod';

/** Credentials a therapist can submit; `licence` is the one every bookable therapist needs. */
export const CERTIFICATION_KINDS = [
  'licence',
  'prenatal',
  'deep-tissue',
  'sports',
  'hot-stone',
  'aromatherapy',
  'shiatsu',
] as const;
export type CertificationKind = (typeof CERTIFICATION_KINDS)[number];

export const certificationKindSchema = z.enum(CERTIFICATION_KINDS);
