import { only } from './massage-type-scope.ts';
import type { ScreeningRule } from './rule-types.ts';

/** Medication and allergies: what the client takes or reacts to changes how, or with what, the therapist works. */
export const MEDICATION_ALLERGY_RULES: readonly ScreeningRule[] = [
  {
    code: 'pain-medication',
    condition: 'Pain medication in the last 24 hours',
    appliesWhen: (answers) => answers.painMedicationLast24h === true,
    ruleScope: only('deep-tissue', 'sports'),
    decision: 'caution',
    severity: 'relative',
    requiresClearance: false,
    clientMessage:
      'Pain medication can mask discomfort, so your therapist will check in with you about pressure more often.',
    therapistNote: 'Pain medication in the last 24 h: pressure feedback is unreliable; stay below usual depth.',
    sources: ['werner-benjamin'],
  },
  {
    code: 'essential-oil-allergy',
    condition: 'Essential-oil allergy',
    appliesWhen: (answers) => answers.essentialOilAllergy === true,
    ruleScope: only('aromatherapy'),
    decision: 'blocked',
    severity: 'relative',
    requiresClearance: false,
    suggests: ['swedish'],
    clientMessage:
      'Aromatherapy uses essential oils, which you are allergic to. A Swedish massage with an unscented oil is a good alternative.',
    therapistNote: 'Essential-oil allergy: no aromatherapy; use unscented, hypoallergenic products.',
    sources: ['werner-benjamin'],
  },
];
