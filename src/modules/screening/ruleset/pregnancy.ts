import type { ScreeningAnswers } from '../screening.answers.ts';
import { ALL_TYPES, complementOf, only } from './massage-type-scope.ts';
import type { ScreeningRule } from './rule-types.ts';
import { FIRST_TRIMESTER_END_WEEK, LEFT_SIDE_LYING_FROM_WEEK } from './thresholds.ts';

/**
 * Pregnancy: any type but prenatal is blocked, and prenatal carries the trimester's cautions or positioning
 * notes. The prenatal scope is named once, so the block and the prenatal rows cannot disagree on which type
 * is adapted for pregnancy.
 */
const PRENATAL = only('prenatal');

const isPregnant = (answers: ScreeningAnswers): boolean => answers.pregnancy?.pregnant === true;
const pregnancyWeeks = (answers: ScreeningAnswers): number | undefined =>
  isPregnant(answers) ? answers.pregnancy?.weeks : undefined;

const PRENATAL_LEG_NOTE =
  'No deep work on the legs: pregnancy raises the risk of blood clots.';

export const PREGNANCY_RULES: readonly ScreeningRule[] = [
  {
    code: 'pregnancy-warning-signs',
    condition: 'Pregnancy with warning signs (bleeding, fluid leakage, pre-eclampsia signs, reduced fetal movement)',
    appliesWhen: (answers) => (answers.pregnancy?.warningSigns ?? []).length > 0,
    ruleScope: ALL_TYPES,
    decision: 'blocked',
    severity: 'absolute',
    requiresClearance: true,
    clientMessage:
      'The signs you reported need your midwife or doctor today. Please contact your pregnancy care provider; do not book a massage until they have seen you.',
    therapistNote:
      'Pregnancy warning signs reported: do not treat. Refer to the pregnancy care provider.',
    sources: ['mueller-grunwald-2021'],
  },
  {
    code: 'pregnancy-prenatal-only',
    condition: 'Pregnant',
    appliesWhen: isPregnant,
    ruleScope: complementOf(PRENATAL),
    decision: 'blocked',
    severity: 'relative',
    requiresClearance: false,
    suggests: ['prenatal'],
    clientMessage:
      'During pregnancy we offer prenatal massage, which is adapted for you and your baby. Please book a prenatal massage instead.',
    therapistNote: 'Pregnant client: book as prenatal massage only (positioning, pressure, no contraindicated oils).',
    sources: ['mueller-grunwald-2021', 'nccih'],
  },
  {
    code: 'pregnancy-weeks-unknown',
    condition: 'Pregnant, weeks not given',
    appliesWhen: (answers) => isPregnant(answers) && answers.pregnancy?.weeks === undefined,
    ruleScope: PRENATAL,
    decision: 'caution',
    severity: 'relative',
    requiresClearance: true,
    clientMessage:
      'Please tell us how many weeks pregnant you are. Until we know, we ask you to bring your midwife’s or doctor’s OK.',
    therapistNote: `Gestational week unknown: confirm it at intake and treat as first trimester until known. Side-lying from ~${FIRST_TRIMESTER_END_WEEK} weeks, left side-lying or wedge from ~${LEFT_SIDE_LYING_FROM_WEEK}. ${PRENATAL_LEG_NOTE}`,
    sources: ['mueller-grunwald-2021'],
  },
  {
    code: 'pregnancy-first-trimester',
    condition: `Pregnant, under ${FIRST_TRIMESTER_END_WEEK} weeks`,
    appliesWhen: (answers) => (pregnancyWeeks(answers) ?? Infinity) < FIRST_TRIMESTER_END_WEEK,
    ruleScope: PRENATAL,
    decision: 'caution',
    severity: 'relative',
    requiresClearance: true,
    clientMessage:
      'In the first trimester we ask you to bring your midwife’s or doctor’s OK before a prenatal massage.',
    therapistNote: `First trimester: confirm clearance from the pregnancy care provider (trial evidence starts at 12 weeks). Gentle pressure; no abdominal work. ${PRENATAL_LEG_NOTE}`,
    sources: ['mueller-grunwald-2021'],
  },
  {
    code: 'pregnancy-high-risk',
    condition: 'High-risk pregnancy',
    appliesWhen: (answers) => isPregnant(answers) && answers.pregnancy?.highRisk === true,
    ruleScope: PRENATAL,
    decision: 'caution',
    severity: 'relative',
    requiresClearance: true,
    clientMessage:
      'Because your pregnancy is considered high-risk, please bring your midwife’s or doctor’s OK before a prenatal massage.',
    therapistNote: `High-risk pregnancy: confirm clearance from the pregnancy care provider and follow any restrictions they give. ${PRENATAL_LEG_NOTE}`,
    sources: ['mueller-grunwald-2021'],
  },
  // Positioning is how every prenatal massage is given, not a risk to weigh: from 13 weeks a healthy pregnancy
  // is ok for prenatal, and these rows only put the positioning in front of the therapist.
  {
    code: 'pregnancy-side-lying',
    condition: `Pregnant, ${FIRST_TRIMESTER_END_WEEK}–${LEFT_SIDE_LYING_FROM_WEEK - 1} weeks`,
    appliesWhen: (answers) => {
      const weeks = pregnancyWeeks(answers);
      return weeks !== undefined && weeks >= FIRST_TRIMESTER_END_WEEK && weeks < LEFT_SIDE_LYING_FROM_WEEK;
    },
    ruleScope: PRENATAL,
    decision: 'ok',
    severity: 'relative',
    requiresClearance: false,
    clientMessage: 'Your therapist will position you comfortably on your side with pillows.',
    therapistNote: `Second trimester: side-lying with bolsters rather than prone. ${PRENATAL_LEG_NOTE}`,
    sources: ['mueller-grunwald-2021'],
  },
  {
    code: 'pregnancy-left-side-lying',
    condition: `Pregnant, ${LEFT_SIDE_LYING_FROM_WEEK} weeks or more`,
    appliesWhen: (answers) => (pregnancyWeeks(answers) ?? -Infinity) >= LEFT_SIDE_LYING_FROM_WEEK,
    ruleScope: PRENATAL,
    decision: 'ok',
    severity: 'relative',
    requiresClearance: false,
    clientMessage: 'Your therapist will position you comfortably on your left side or on a wedge with pillows.',
    therapistNote: `From ~${LEFT_SIDE_LYING_FROM_WEEK} weeks: left side-lying or a wedge, never flat on the back (vena cava compression). ${PRENATAL_LEG_NOTE}`,
    sources: ['mueller-grunwald-2021'],
  },
];
