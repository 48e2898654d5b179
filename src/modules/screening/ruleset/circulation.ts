import { ALL_TYPES, only } from './massage-type-scope.ts';
import { blockedWithCautionElsewhere } from './paired-rules.ts';
import type { RuleCondition, ScreeningRule } from './rule-types.ts';

/**
 * Not a complementary pair: the caution (avoid the legs) covers every type, deep-tissue included, and
 * deep-tissue is blocked on top of it, so its outcome carries both flags. Keeping outcomes as they are, the two
 * rows share one condition so they cannot disagree on when they apply.
 */
const SEVERE_VARICOSE_VEINS: RuleCondition = {
  condition: 'Severe varicose veins',
  appliesWhen: (answers) => answers.varicoseVeins === 'severe',
};

/** Blood and circulation: bleeding risk and fragile vessels. Clots are systemic and live in systemic.ts. */
export const CIRCULATION_RULES: readonly ScreeningRule[] = [
  ...blockedWithCautionElsewhere({
    condition: 'Anticoagulants or a bleeding disorder',
    appliesWhen: (answers) => answers.anticoagulantsOrBleedingDisorder === true,
    severity: 'relative',
    sources: ['nccih'],
    blockedScope: only('deep-tissue', 'sports', 'hot-stone'),
    blocked: {
      code: 'anticoagulants-deep-work',
      requiresClearance: false,
      clientMessage:
        'Blood thinners or a bleeding disorder make you bruise easily, so this massage is not suitable. A lighter massage is a good choice.',
      therapistNote: 'Anticoagulants/bleeding disorder: bruising and bleeding risk; no deep, vigorous or heated work.',
    },
    cautionElsewhere: {
      code: 'anticoagulants',
      requiresClearance: false,
      clientMessage: 'Your therapist will use light pressure to avoid bruising.',
      therapistNote: 'Anticoagulants/bleeding disorder: light pressure throughout; check for bruising.',
    },
  }),
  {
    code: 'varicose-veins-severe',
    ...SEVERE_VARICOSE_VEINS,
    ruleScope: ALL_TYPES,
    decision: 'caution',
    severity: 'local',
    requiresClearance: false,
    avoid: { kind: 'fixed', regions: ['legs'] },
    clientMessage: 'Your therapist will not massage your legs, to protect the veins there.',
    therapistNote: 'Severe varicose veins: avoid the legs (fragile vessels, possible clots).',
    sources: ['werner-benjamin', 'abmp-endangerment-sites'],
  },
  {
    code: 'varicose-veins-severe-deep-tissue',
    ...SEVERE_VARICOSE_VEINS,
    ruleScope: only('deep-tissue'),
    decision: 'blocked',
    severity: 'local',
    requiresClearance: false,
    avoid: { kind: 'fixed', regions: ['legs'] },
    clientMessage: 'With severe varicose veins, deep-tissue massage is not suitable. Please choose a gentler massage.',
    therapistNote: 'Severe varicose veins: deep-tissue work is contraindicated.',
    sources: ['werner-benjamin'],
  },
];
