import { CIRCULATION_RULES } from './ruleset/circulation.ts';
import { MEDICATION_ALLERGY_RULES } from './ruleset/medication-allergy.ts';
import { METABOLIC_CARDIAC_RULES } from './ruleset/metabolic-cardiac.ts';
import { MUSCULOSKELETAL_RULES } from './ruleset/musculoskeletal.ts';
import { ONCOLOGY_RULES } from './ruleset/oncology.ts';
import { PREGNANCY_RULES } from './ruleset/pregnancy.ts';
import type { ScreeningRule } from './ruleset/rule-types.ts';
import { SKIN_RULES } from './ruleset/skin.ts';
import { SYSTEMIC_RULES } from './ruleset/systemic.ts';

/**
 * The clinical rules of the health screen, as data.
 *
 * Each row says when it applies (a predicate over the answers), which massage types it
 * covers, what it decides for them, what the client and the therapist are told, and
 * where the rule comes from. The rows live by body system in ./ruleset/; the evaluator in
 * screening.rules.ts only reads the table assembled here. Changing a clinical decision
 * means changing a row and bumping the version, so a stored screening can always be
 * traced to the ruleset that judged it.
 */

/**
 * Bump whenever a row is added, removed or changes meaning. Format: year-month-revision.
 * 2026-11-2: the pregnancy positioning rows are ok-level notes, no longer cautions.
 */
export const SCREENING_RULESET_VERSION = '2026-11-2';

export const SCREENING_DISCLAIMER =
  'This health screen informs; it does not diagnose and is not medical advice. ' +
  'It helps us choose a safe massage for you. If you are unsure about your health, ' +
  'please ask your doctor or midwife before your appointment.';

/** Whole-body contraindications first, then by body system; the README's rules table keeps this order. */
export const SCREENING_RULES: readonly ScreeningRule[] = [
  ...SYSTEMIC_RULES,
  ...PREGNANCY_RULES,
  ...SKIN_RULES,
  ...MUSCULOSKELETAL_RULES,
  ...CIRCULATION_RULES,
  ...ONCOLOGY_RULES,
  ...METABOLIC_CARDIAC_RULES,
  ...MEDICATION_ALLERGY_RULES,
];

// The ruleset's vocabulary, re-exported so callers outside the module import one file.
export { SCREENING_SOURCES, type SourceId } from './ruleset/sources.ts';
export {
  CATALOGUE_MASSAGE_TYPES,
  type CatalogueMassageType,
  type RuleScope,
} from './ruleset/massage-type-scope.ts';
export {
  FLAG_DECISIONS,
  SCREENING_SEVERITIES,
  type FlagDecision,
  type RegionAnswer,
  type RegionsToAvoid,
  type ScreeningRule,
  type ScreeningSeverity,
} from './ruleset/rule-types.ts';
export {
  FIRST_TRIMESTER_END_WEEK,
  FRACTURE_CAUTION_WEEKS,
  LEFT_SIDE_LYING_FROM_WEEK,
  SURGERY_CAUTION_WEEKS,
} from './ruleset/thresholds.ts';
