import { ALL_TYPES } from './massage-type-scope.ts';
import type { ScreeningRule } from './rule-types.ts';

export const SKIN_RULES: readonly ScreeningRule[] = [
  {
    code: 'skin-contagious-infection',
    condition: 'Contagious skin infection',
    appliesWhen: (answers) => answers.skin?.contagiousInfection === true,
    ruleScope: ALL_TYPES,
    decision: 'blocked',
    severity: 'absolute',
    requiresClearance: false,
    clientMessage:
      'A contagious skin infection can spread through touch and shared linens. Please book again once it has cleared.',
    therapistNote: 'Contagious skin infection: do not treat until resolved.',
    sources: ['werner-benjamin'],
  },
  {
    code: 'skin-open-wound-or-burn',
    condition: 'Open wound or burn',
    appliesWhen: (answers) => answers.skin?.openWoundOrBurn === true,
    ruleScope: ALL_TYPES,
    decision: 'caution',
    severity: 'local',
    requiresClearance: false,
    avoid: { kind: 'from-answer', answer: 'skin' },
    clientMessage: 'Your therapist will not touch the area with the wound or burn.',
    therapistNote:
      'Open wound or burn: avoid the area and its margins. If no region is listed, ask the client where it is before starting.',
    sources: ['werner-benjamin', 'nccih'],
  },
];
