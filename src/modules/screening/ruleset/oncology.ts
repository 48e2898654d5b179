import type { ScreeningAnswers } from '../screening.answers.ts';
import { ALL_TYPES, only } from './massage-type-scope.ts';
import type { ScreeningRule } from './rule-types.ts';

// Chemo or radiation is treatment, whatever the client ticked for `inTreatment`.
const isInCancerTreatment = (answers: ScreeningAnswers): boolean =>
  answers.cancer?.inTreatment === true || answers.cancer?.chemoOrRadiation === true;

export const ONCOLOGY_RULES: readonly ScreeningRule[] = [
  {
    code: 'cancer-treatment',
    condition: 'Cancer in treatment',
    appliesWhen: isInCancerTreatment,
    ruleScope: ALL_TYPES,
    decision: 'caution',
    severity: 'relative',
    requiresClearance: true,
    clientMessage: 'During cancer treatment, please bring your oncologist’s OK for massage.',
    therapistNote:
      'Cancer in treatment: confirm oncologist clearance; no pressure over tumour sites, ports or irradiated skin; adjust pressure to blood counts and fatigue.',
    sources: ['nccih', 'werner-benjamin'],
  },
  {
    code: 'cancer-deep-tissue-without-approval',
    condition: 'Cancer in treatment, no oncologist approval',
    appliesWhen: (answers) => isInCancerTreatment(answers) && answers.cancer?.oncologistApproval !== true,
    ruleScope: only('deep-tissue'),
    decision: 'blocked',
    severity: 'relative',
    requiresClearance: true,
    clientMessage:
      'Deep-tissue massage during cancer treatment needs your oncologist’s approval first. Until then, a gentler massage is a good choice.',
    therapistNote: 'Cancer in treatment without oncologist approval: no deep or intense pressure.',
    sources: ['nccih'],
  },
  {
    code: 'cancer-chemo-radiation-hot-stone',
    condition: 'Cancer with chemotherapy or radiation',
    appliesWhen: (answers) => answers.cancer?.chemoOrRadiation === true,
    ruleScope: only('hot-stone'),
    decision: 'blocked',
    severity: 'relative',
    requiresClearance: false,
    clientMessage:
      'During chemotherapy or radiation your skin and circulation are more sensitive to heat, so hot-stone massage is not suitable. Please choose another massage.',
    therapistNote: 'Chemotherapy/radiation: heat sensitivity, fragile skin and neuropathy; no heat applications.',
    sources: ['werner-benjamin'],
  },
];
