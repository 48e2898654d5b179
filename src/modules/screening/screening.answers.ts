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

const weeksSinceSchema = z
  .int({ error: 'Weeks must be a whole number' })
  .min(0, {
    error: 'Weeks cannot be negative',
  })
  .describe('Whole weeks since it happened');

const conditionSeveritySchema = z.enum(['none', 'mild', 'severe']);

const pregnancySchema = z
  .strictObject({
    pregnant: z.boolean().describe('Currently pregnant'),
    weeks: z
      .int({ error: 'Pregnancy weeks must be a whole number' })
      .min(0, { error: 'Pregnancy weeks cannot be negative' })
      .max(MAX_PREGNANCY_WEEKS, { error: `Pregnancy weeks cannot exceed ${MAX_PREGNANCY_WEEKS}` })
      .optional()
      .describe('Weeks of gestation'),
    highRisk: z.boolean().default(false).describe('A clinician has called the pregnancy high-risk'),
    warningSigns: z
      .array(z.enum(PREGNANCY_WARNING_SIGNS))
      .default([])
      .describe('Warning signs noticed now, e.g. bleeding'),
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
  pregnancy: pregnancySchema.optional().describe('Pregnancy, if any'),
  feverOrContagiousIllness: z.boolean().optional().describe('A fever or a contagious illness today'),
  /** Deep vein thrombosis or thrombophlebitis, now or in the past. */
  bloodClot: z
    .strictObject({
      current: z.boolean().default(false).describe('Has a clot now'),
      history: z.boolean().default(false).describe('A clot in the past'),
    })
    .optional()
    .describe('Deep vein thrombosis or thrombophlebitis, now or in the past'),
  fracture: z
    .strictObject({
      weeksSince: weeksSinceSchema,
      region: bodyRegionSchema.describe('Where the bone broke'),
    })
    .optional()
    .describe('A broken bone'),
  herniatedDisc: z
    .strictObject({
      acute: z.boolean().default(false).describe('Flared up recently'),
      neurologicalSymptoms: z.boolean().default(false).describe('Numbness, tingling or weakness in a limb'),
    })
    .optional()
    .describe('A herniated (slipped) disc; `{}` means a sub-acute one without nerve symptoms'),
  osteoporosis: conditionSeveritySchema.optional().describe('Osteoporosis: none, mild or severe'),
  anticoagulantsOrBleedingDisorder: z
    .boolean()
    .optional()
    .describe('Takes blood thinners or has a bleeding disorder'),
  cancer: z
    .strictObject({
      inTreatment: z.boolean().default(false).describe('Currently being treated'),
      chemoOrRadiation: z.boolean().default(false).describe('Currently having chemotherapy or radiation'),
      oncologistApproval: z.boolean().default(false).describe('The oncologist has approved massage'),
    })
    .optional()
    .describe('Cancer, now or in the past'),
  recentSurgery: z
    .strictObject({
      weeksSince: weeksSinceSchema,
      region: bodyRegionSchema.describe('Where the operation was'),
    })
    .optional()
    .describe('An operation; how long ago decides how careful the treatment must be'),
  skin: z
    .strictObject({
      openWoundOrBurn: z.boolean().default(false).describe('An open wound or a burn'),
      contagiousInfection: z.boolean().default(false).describe('A contagious skin infection'),
      region: bodyRegionSchema.optional().describe('Where on the body'),
    })
    .optional()
    .describe('A skin condition'),
  varicoseVeins: conditionSeveritySchema.optional().describe('Varicose veins: none, mild or severe'),
  bloodPressure: z
    .enum(['normal', 'controlled', 'uncontrolled'])
    .optional()
    .describe('controlled: high but treated; uncontrolled: high and not under control'),
  diabetes: z
    .strictObject({
      neuropathy: z.boolean().default(false).describe('Reduced feeling in hands or feet'),
    })
    .optional()
    .describe('Diabetes'),
  heartCondition: z.boolean().optional().describe('A heart condition'),
  painMedicationLast24h: z.boolean().optional().describe('Took pain medication in the last 24 hours'),
  alcoholOrIntoxicated: z.boolean().optional().describe('Under the influence of alcohol or drugs at the time of the session'),
  essentialOilAllergy: z.boolean().optional().describe('Allergic to essential oils'),
});

/** Parsed answers, defaults applied: what the rules evaluate. */
export type ScreeningAnswers = z.infer<typeof screeningAnswersSchema>;
/** What a client may send (defaulted booleans may be left out). */
export type ScreeningAnswersInput = z.input<typeof screeningAnswersSchema>;
