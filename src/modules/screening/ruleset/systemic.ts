import { ALL_TYPES } from './massage-type-scope.ts';
import type { ScreeningRule } from './rule-types.ts';

/** Whole-body contraindications: conditions that rule out or restrict massage whatever the type. */
export const SYSTEMIC_RULES: readonly ScreeningRule[] = [
  {
    code: 'fever-or-contagious-illness',
    condition: 'Fever or contagious illness',
    appliesWhen: (answers) => answers.feverOrContagiousIllness === true,
    ruleScope: ALL_TYPES,
    decision: 'blocked',
    severity: 'absolute',
    requiresClearance: false,
    clientMessage:
      'Please do not come in while you have a fever or a contagious illness. Rest, and book again once you are well.',
    therapistNote: 'Systemic contraindication: fever or contagious illness. Do not treat; reschedule.',
    sources: ['werner-benjamin'],
  },
  {
    code: 'intoxicated',
    condition: 'Under the influence of alcohol or drugs',
    appliesWhen: (answers) => answers.alcoholOrIntoxicated === true,
    ruleScope: ALL_TYPES,
    decision: 'blocked',
    severity: 'absolute',
    requiresClearance: false,
    clientMessage:
      'We cannot give a massage after alcohol or other intoxicating substances. Please book for a day when you are sober.',
    therapistNote:
      'Intoxicated client: cannot give reliable consent or pressure feedback. Do not treat.',
    sources: ['werner-benjamin'],
  },
  {
    code: 'blood-clot-current',
    condition: 'Current blood clot or suspected DVT / thrombophlebitis',
    appliesWhen: (answers) => answers.bloodClot?.current === true,
    ruleScope: ALL_TYPES,
    decision: 'blocked',
    severity: 'absolute',
    requiresClearance: true,
    clientMessage:
      'A current or suspected blood clot needs a doctor first. Please see your doctor; do not book a massage until they have treated it.',
    therapistNote:
      'Strictly systemic contraindication: massage could dislodge a clot (embolism risk). Do not treat; refer to a physician.',
    sources: ['werner-benjamin', 'nccih'],
  },
  {
    // Not in the table: a resolved clot leaves damaged veins and often a
    // blood thinner, so a careful practice treats it as a caution with clearance.
    code: 'blood-clot-history',
    condition: 'History of blood clots (no current clot)',
    appliesWhen: (answers) =>
      answers.bloodClot?.history === true && answers.bloodClot.current !== true,
    ruleScope: ALL_TYPES,
    decision: 'caution',
    severity: 'relative',
    requiresClearance: true,
    clientMessage:
      'Because you have had a blood clot before, please bring your doctor’s OK to your appointment. Your therapist will keep the pressure on your legs light.',
    therapistNote:
      'History of DVT/thrombophlebitis: confirm medical clearance. No deep or specific work on the legs; ask about blood thinners and any new leg pain, swelling or warmth.',
    sources: ['werner-benjamin'],
  },
  {
    code: 'blood-pressure-uncontrolled',
    condition: 'Uncontrolled high blood pressure',
    appliesWhen: (answers) => answers.bloodPressure === 'uncontrolled',
    ruleScope: ALL_TYPES,
    decision: 'blocked',
    severity: 'absolute',
    requiresClearance: true,
    clientMessage:
      'Please see your doctor to get your blood pressure under control first. You are welcome to book once it is managed.',
    therapistNote: 'Uncontrolled hypertension: systemic contraindication. Refer to a physician.',
    sources: ['werner-benjamin'],
  },
];
