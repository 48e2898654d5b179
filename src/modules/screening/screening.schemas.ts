import { z } from 'zod';
import { pageSchema } from '../../lib/pagination.ts';
import { BODY_REGIONS, screeningAnswersSchema } from './screening.answers.ts';
import { FLAG_DECISIONS, SCREENING_SEVERITIES } from './screening.ruleset.ts';

// Response schemas here are the privacy boundary for health data: only `screeningDetailSchema` has `answers`, and
// the serializer drops every key a schema does not name, so a view built with extra fields still cannot leak them.

// One component for the questionnaire, referenced by both request bodies and the detail view.
const answersSchema = screeningAnswersSchema.meta({ id: 'ScreeningAnswers' });

export const screeningBodySchema = z
  .strictObject({
    answers: answersSchema.describe(
      'The health questionnaire. Every field is optional; unknown fields are refused so no answer is silently lost.',
    ),
  })
  .meta({
    example: {
      answers: {
        pregnancy: { pregnant: true, weeks: 20 },
        recentSurgery: { weeksSince: 10, region: 'shoulders' },
        bloodPressure: 'controlled',
      },
    },
  });
export type ScreeningBody = z.infer<typeof screeningBodySchema>;

/**
 * One published shape for a flag, wherever it appears: in screening outcomes and on the appointments that keep
 * them. The appointments module imports this schema rather than declaring its own, so OpenAPI shows one
 * `ScreeningFlag` and the two cannot drift (they once did: one typed `avoidRegions` as free strings).
 */
export const screeningFlagSchema = z
  .object({
    code: z.string().describe('Stable id of the rule that raised the flag'),
    severity: z
      .enum(SCREENING_SEVERITIES)
      .describe('absolute: a whole-body contraindication; local: avoid a region; relative: modify the treatment'),
    decision: z
      .enum(FLAG_DECISIONS)
      .describe(
        'ok: a note for the therapist only, nothing to acknowledge on confirm; caution: bookable with ' +
          'modifications, acknowledged on confirm; blocked: not bookable',
      ),
    clientMessage: z.string().describe('Plain-language explanation for the client'),
    therapistNote: z.string().describe('What the therapist must do differently'),
    avoidRegions: z.array(z.enum(BODY_REGIONS)).describe('Body regions not to treat'),
    requiresClearance: z.boolean().describe('Medical clearance must be confirmed by the therapist before treatment'),
    source: z.string().describe('Citation(s) the rule is based on'),
  })
  .meta({ id: 'ScreeningFlag' });

export const screeningOutcomeSchema = z
  .object({
    massageType: z.string().describe('Massage type slug'),
    decision: z
      .enum(FLAG_DECISIONS)
      .describe('The strictest decision among the flags; ok without flags or with only ok-level notes'),
    flags: z.array(screeningFlagSchema).describe('What the answers raised for this type; empty when nothing'),
    alternatives: z.array(z.string()).describe('For blocked types: bookable types to offer instead, in catalogue order'),
  })
  .meta({ id: 'ScreeningOutcome' });
export type ScreeningOutcomeView = z.infer<typeof screeningOutcomeSchema>;

export const screeningOutcomesSchema = z.array(screeningOutcomeSchema);

const rulesetVersion = z.string().describe('Version of the rules that judged the answers');
const disclaimer = z.string().describe('Show to the client: the screen informs, it does not diagnose');

export const screeningPreviewSchema = z.object({
  rulesetVersion,
  disclaimer,
  outcomes: screeningOutcomesSchema.describe('One per massage type, in catalogue order'),
});
export type ScreeningPreviewView = z.infer<typeof screeningPreviewSchema>;

const storedScreeningFields = {
  id: z.string().describe('The screening id, to pass as `screeningId` when booking'),
  createdAt: z.string().describe('When the questionnaire was answered (ISO 8601)'),
  expiresAt: z.string().describe('After this instant the screening can no longer be used to book'),
  expired: z.boolean().describe('True once `expiresAt` has passed'),
  rulesetVersion,
  outcomes: screeningOutcomesSchema.describe('As judged when the screening was made, against the catalogue then'),
};

/** A stored screening without its answers: what listing returns. */
export const screeningSummarySchema = z.object(storedScreeningFields).meta({ id: 'ScreeningSummary' });
export type ScreeningSummaryView = z.infer<typeof screeningSummarySchema>;

/** What creating returns: the summary and the disclaimer, never the answers. */
export const createdScreeningSchema = z
  .object({ ...storedScreeningFields, disclaimer })
  .meta({ id: 'CreatedScreening' });
export type CreatedScreeningView = z.infer<typeof createdScreeningSchema>;

export const screeningDetailSchema = z
  .object({
    ...storedScreeningFields,
    disclaimer,
    answers: answersSchema.describe('Health data: sent only to the client and to the appointment’s therapist'),
  })
  .meta({ id: 'ScreeningDetail' });
export type ScreeningDetailView = z.infer<typeof screeningDetailSchema>;

export const screeningPageSchema = pageSchema(screeningSummarySchema);
