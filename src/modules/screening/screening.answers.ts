import { z } from 'zod';

/**
 * The health questionnaire a client fills in before booking.
 *
 * Every top-level field is optional: an absent field means "not reported", and the
 * presence of a sub-object means "I have this condition" (so `herniatedDisc: {}` is a
 * sub-acute disc). Booleans inside sub-objects default to false so a client can send
 * only what applies, e.g. `{ bloodClot: { current: true } }`.
 *
 * Objects are strict: an unknown field is rejected rather than silently dropped,
 * because a dropped health answer is a missed contraindication.
 */

export const BODY_REGIONS = [
  'neck',
  'upper-back',
  'lower-back',
  'shoulders',
  'arms',
  'hands',
  'abdomen',
  'hips',
  'legs',
  'feet',
  'head',
] as const;
export type BodyRegion = (typeof BODY_REGIONS)[number];

export const PREGNANCY_WARNING_SIGNS = [
  'bleeding',
  'fluid-leakage',
  'preeclampsia-signs',
  'reduced-fetal-movement',
] as const;
export type PregnancyWarningSign = (typeof PREGNANCY_WARNING_SIGNS)[number];

/** Upper bound on gestational weeks; past this the answer is a typo, not a pregnancy. */
export const MAX_PREGNANCY_WEEKS = 45;

const bodyRegionSchema = z.enum(BODY_REGIONS, {
  error: `Body region must be one of: ${BODY_REGIONS.join(', ')}`,
});

const weeksSinceSchema = z.int({ error: 'Weeks must be a whole number' }).min(0, {
  error: 'Weeks cannot be negative',
});

const conditionSeveritySchema = z.enum(['none', 'mild', 'severe']);

const pregnancySchema = z
  .strictObject({
    pregnant: z.boolean(),
    weeks: z
      .int({ error: 'Pregnancy weeks must be a whole number' })
      .min(0, { error: 'Pregnancy weeks cannot be negative' })
      .max(MAX_PREGNANCY_WEEKS, { error: `Pregnancy weeks cannot exceed ${MAX_PREGNANCY_WEEKS}` })
      .optional(),
    highRisk: z.boolean().default(false),
    warningSigns: z.array(z.enum(PREGNANCY_WARNING_SIGNS)).default([]),
  })
  // Pregnancy details next to `pregnant: false` mean the form is out of step with the
  // client; guessing either way could hide warning signs, so we ask again instead.
  .refine(
    (pregnancy) =>
      pregnancy.pregnant ||
      (pregnancy.weeks === undefined && !pregnancy.highRisk && pregnancy.warningSigns.length === 0),
    { error: 'Pregnancy details were given but pregnant is false', path: ['pregnant'] },
  );

export const screeningAnswersSchema = z.strictObject({
  pregnancy: pregnancySchema.optional(),
  feverOrContagiousIllness: z.boolean().optional(),
  /** Deep vein thrombosis or thrombophlebitis, now or in the past. */
  bloodClot: z
    .strictObject({
      current: z.boolean().default(false),
      history: z.boolean().default(false),
    })
    .optional(),
  fracture: z
    .strictObject({
      weeksSince: weeksSinceSchema,
      region: bodyRegionSchema,
    })
    .optional(),
  herniatedDisc: z
    .strictObject({
      acute: z.boolean().default(false),
      neurologicalSymptoms: z.boolean().default(false),
    })
    .optional(),
  osteoporosis: conditionSeveritySchema.optional(),
  anticoagulantsOrBleedingDisorder: z.boolean().optional(),
  cancer: z
    .strictObject({
      inTreatment: z.boolean().default(false),
      chemoOrRadiation: z.boolean().default(false),
      oncologistApproval: z.boolean().default(false),
    })
    .optional(),
  recentSurgery: z
    .strictObject({
      weeksSince: weeksSinceSchema,
      region: bodyRegionSchema,
    })
    .optional(),
  skin: z
    .strictObject({
      openWoundOrBurn: z.boolean().default(false),
      contagiousInfection: z.boolean().default(false),
      region: bodyRegionSchema.optional(),
    })
    .optional(),
  varicoseVeins: conditionSeveritySchema.optional(),
  bloodPressure: z.enum(['normal', 'controlled', 'uncontrolled']).optional(),
  diabetes: z
    .strictObject({
      neuropathy: z.boolean().default(false),
    })
    .optional(),
  heartCondition: z.boolean().optional(),
  painMedicationLast24h: z.boolean().optional(),
  alcoholOrIntoxicated: z.boolean().optional(),
  essentialOilAllergy: z.boolean().optional(),
});

/** Parsed answers, defaults applied: what the rules evaluate. */
export type ScreeningAnswers = z.infer<typeof screeningAnswersSchema>;
/** What a client may send (defaulted booleans may be left out). */
export type ScreeningAnswersInput = z.input<typeof screeningAnswersSchema>;
