import type { BodyRegion, ScreeningAnswers } from '../screening.answers.ts';
import { ALL_TYPES, DEEP_PRESSURE_TYPES, only } from './massage-type-scope.ts';
import { blockedWithCautionElsewhere } from './paired-rules.ts';
import type { RuleCondition, ScreeningRule } from './rule-types.ts';
import { FRACTURE_CAUTION_WEEKS, SURGERY_CAUTION_WEEKS } from './thresholds.ts';

const BACK_REGIONS: readonly BodyRegion[] = ['upper-back', 'lower-back'];

const hasRecentFracture = (answers: ScreeningAnswers): boolean =>
  answers.fracture !== undefined && answers.fracture.weeksSince < FRACTURE_CAUTION_WEEKS;
const hasAcuteDisc = (answers: ScreeningAnswers): boolean =>
  answers.herniatedDisc?.acute === true || answers.herniatedDisc?.neurologicalSymptoms === true;

/**
 * Not a complementary pair: the caution covers every type, deep-tissue included, and deep-tissue is blocked on
 * top of it, so its outcome carries both flags. Keeping outcomes as they are, the two rows share one condition
 * so they cannot disagree on when they apply.
 */
const RECENT_SURGERY: RuleCondition = {
  condition: `Surgery less than ${SURGERY_CAUTION_WEEKS} weeks ago`,
  appliesWhen: (answers) =>
    answers.recentSurgery !== undefined && answers.recentSurgery.weeksSince < SURGERY_CAUTION_WEEKS,
};

/** Bones, joints, spine and surgical sites: where pressure could harm what is healing or fragile. */
export const MUSCULOSKELETAL_RULES: readonly ScreeningRule[] = [
  {
    code: 'fracture-recent',
    condition: `Fracture less than ${FRACTURE_CAUTION_WEEKS} weeks ago`,
    appliesWhen: hasRecentFracture,
    ruleScope: ALL_TYPES,
    decision: 'caution',
    severity: 'local',
    requiresClearance: false,
    avoid: { kind: 'from-answer', answer: 'fracture' },
    clientMessage: 'Your therapist will avoid the area of your recent fracture while it heals.',
    therapistNote: 'Recent fracture: avoid the region; gentle work elsewhere only.',
    sources: ['werner-benjamin', 'nccih'],
  },
  {
    code: 'fracture-recent-back',
    condition: `Fracture of the upper or lower back less than ${FRACTURE_CAUTION_WEEKS} weeks ago`,
    appliesWhen: (answers) =>
      hasRecentFracture(answers) &&
      answers.fracture !== undefined &&
      BACK_REGIONS.includes(answers.fracture.region),
    ruleScope: only('deep-tissue', 'sports'),
    decision: 'blocked',
    severity: 'local',
    requiresClearance: false,
    avoid: { kind: 'from-answer', answer: 'fracture' },
    clientMessage:
      'With a recent fracture in your back, this massage is too vigorous for now. A gentler massage such as Swedish is a good choice.',
    therapistNote: 'Recent spinal-region fracture: deep or vigorous work on the trunk is contraindicated.',
    sources: ['werner-benjamin'],
  },
  {
    code: 'surgery-recent',
    ...RECENT_SURGERY,
    ruleScope: ALL_TYPES,
    decision: 'caution',
    severity: 'local',
    requiresClearance: false,
    avoid: { kind: 'from-answer', answer: 'recentSurgery' },
    clientMessage: 'Your therapist will avoid the area of your recent surgery while it heals.',
    therapistNote: 'Recent surgery: avoid the surgical site; watch for signs of clots or infection.',
    sources: ['werner-benjamin'],
  },
  {
    code: 'surgery-recent-deep-tissue',
    ...RECENT_SURGERY,
    ruleScope: only('deep-tissue'),
    decision: 'blocked',
    severity: 'relative',
    requiresClearance: false,
    avoid: { kind: 'from-answer', answer: 'recentSurgery' },
    clientMessage:
      'So soon after surgery, deep-tissue massage is too strong. Please choose a gentler massage for now.',
    therapistNote: 'Post-surgical healing and clot risk: no deep-tissue work yet.',
    sources: ['werner-benjamin'],
  },
  ...blockedWithCautionElsewhere({
    condition: 'Herniated disc, acute or with neurological symptoms',
    appliesWhen: hasAcuteDisc,
    severity: 'relative',
    sources: ['werner-benjamin'],
    blockedScope: only(...DEEP_PRESSURE_TYPES),
    blocked: {
      code: 'herniated-disc-acute-deep-work',
      // Blocked whatever the doctor says while acute; clearance unblocks nothing here.
      requiresClearance: false,
      clientMessage:
        'With an acute disc problem, strong pressure could make it worse. Please choose a gentler massage and check with your doctor first.',
      therapistNote: 'Acute disc herniation or nerve signs: no deep or sustained point pressure.',
    },
    cautionElsewhere: {
      code: 'herniated-disc-acute',
      requiresClearance: true,
      clientMessage: 'Please bring your doctor’s OK for massage while your disc problem is acute.',
      therapistNote:
        'Acute disc herniation or nerve signs: confirm clearance; gentle work, no pressure over the spine, stop on any radiating pain, numbness or tingling.',
    },
  }),
  {
    code: 'herniated-disc-subacute',
    condition: 'Herniated disc, not acute and without neurological symptoms',
    appliesWhen: (answers) => answers.herniatedDisc !== undefined && !hasAcuteDisc(answers),
    ruleScope: ALL_TYPES,
    decision: 'caution',
    severity: 'relative',
    requiresClearance: false,
    clientMessage: 'Your therapist will keep the pressure gentle over your spine.',
    therapistNote: 'Sub-acute disc herniation: no deep pressure over the spine; surrounding muscles are fine.',
    sources: ['werner-benjamin', 'abmp-endangerment-sites'],
  },
  ...blockedWithCautionElsewhere({
    condition: 'Severe osteoporosis',
    appliesWhen: (answers) => answers.osteoporosis === 'severe',
    severity: 'relative',
    sources: ['werner-benjamin', 'abmp-osteoporosis'],
    blockedScope: only(...DEEP_PRESSURE_TYPES),
    blocked: {
      code: 'osteoporosis-severe-deep-work',
      requiresClearance: false,
      clientMessage:
        'With severe osteoporosis, strong pressure could harm your bones. A gentle massage such as Swedish is a safe choice.',
      therapistNote: 'Severe osteoporosis: fracture risk; no deep or forceful pressure, no joint mobilisation.',
    },
    cautionElsewhere: {
      code: 'osteoporosis-severe',
      requiresClearance: false,
      clientMessage: 'Your therapist will use gentle pressure to protect your bones.',
      therapistNote:
        'Severe osteoporosis: gentle pressure only, especially over ribs and spine; help the client on and off the table.',
    },
  }),
  {
    code: 'osteoporosis-mild',
    condition: 'Mild osteoporosis',
    appliesWhen: (answers) => answers.osteoporosis === 'mild',
    ruleScope: ALL_TYPES,
    decision: 'caution',
    severity: 'relative',
    requiresClearance: false,
    clientMessage: 'Your therapist will keep the pressure moderate.',
    therapistNote: 'Mild osteoporosis: moderate pressure; avoid forceful work over ribs and spine.',
    sources: ['abmp-osteoporosis'],
  },
];
