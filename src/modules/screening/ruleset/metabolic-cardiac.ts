import { only } from './massage-type-scope.ts';
import { blockedWithCautionElsewhere } from './paired-rules.ts';
import type { ScreeningRule } from './rule-types.ts';

/** Metabolic and heart conditions: both rule out heat (hot stones) and ask care with every other type. */
export const METABOLIC_CARDIAC_RULES: readonly ScreeningRule[] = [
  ...blockedWithCautionElsewhere({
    condition: 'Diabetes with neuropathy',
    appliesWhen: (answers) => answers.diabetes?.neuropathy === true,
    severity: 'relative',
    sources: ['abmp-diabetes'],
    blockedScope: only('hot-stone'),
    blocked: {
      code: 'diabetes-neuropathy-hot-stone',
      requiresClearance: false,
      clientMessage:
        'With reduced feeling in your skin you may not notice if a stone is too hot, so hot-stone massage is not suitable. Please choose another massage.',
      therapistNote: 'Diabetic neuropathy: loss of heat sensation, burn risk; no heat applications.',
    },
    cautionElsewhere: {
      code: 'diabetes-neuropathy',
      requiresClearance: false,
      clientMessage:
        'Your therapist will avoid insulin injection sites and areas where your feeling is reduced.',
      therapistNote:
        'Diabetic neuropathy: avoid recent insulin injection sites; no work on numb areas (client cannot report discomfort); check feet for wounds; watch for low blood sugar.',
    },
  }),
  ...blockedWithCautionElsewhere({
    condition: 'Heart condition',
    appliesWhen: (answers) => answers.heartCondition === true,
    severity: 'relative',
    sources: ['werner-benjamin'],
    blockedScope: only('hot-stone'),
    blocked: {
      code: 'heart-condition-hot-stone',
      requiresClearance: false,
      clientMessage:
        'Heat treatments put extra strain on the heart, so hot-stone massage is not suitable. Please choose another massage.',
      therapistNote: 'Heart condition: heat increases cardiac load; no hot-stone work.',
    },
    cautionElsewhere: {
      code: 'heart-condition',
      requiresClearance: false,
      clientMessage: 'Your therapist will ask about your heart condition and adapt the massage.',
      therapistNote:
        'Heart condition: ask about type and stability; moderate pressure; let the client get up slowly.',
    },
  }),
];
