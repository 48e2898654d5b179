import type { BodyRegion, ScreeningAnswers } from './screening.answers.ts';

/**
 * The clinical rules of the health screen, as data.
 *
 * Each row says when it applies (a predicate over the answers), which massage types it
 * covers, what it decides for them, what the client and the therapist are told, and
 * where the rule comes from. The evaluator in screening.rules.ts only reads this table;
 * changing a clinical decision means changing a row here and bumping the version, so a
 * stored screening can always be traced to the ruleset that judged it.
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

export const SCREENING_SOURCES = {
  'werner-benjamin':
    "Werner, R. & Benjamin, B. E. A Massage Therapist's Guide to Pathology. " +
    'Quick-reference chart of conditions with massage cautions and contraindications.',
  'abmp-osteoporosis':
    'Werner, R. "No Bones About It: Working Safely with Clients Who Have Osteoporosis." ' +
    'Massage & Bodywork (ABMP), March/April 2024. https://www.abmp.com/textonlymags/article.php?article=2728',
  'abmp-diabetes':
    'Werner, R. "Deconstructing Diabetes." Massage & Bodywork (ABMP), November/December 2023. ' +
    'https://www.abmp.com/textonlymags/article.php?article=2676',
  'abmp-endangerment-sites':
    'Werner, R. "Take the Danger Out of Endangerment Sites." Massage & Bodywork (ABMP). ' +
    'https://www.abmp.com/textonlymags/article.php?article=2200',
  nccih:
    'National Center for Complementary and Integrative Health (NCCIH). "Massage Therapy: What You ' +
    'Need To Know", safety section. https://www.nccih.nih.gov/health/massage-therapy-what-you-need-to-know',
  'mueller-grunwald-2021':
    'Mueller, S. M. & Grunwald, M. "Effects, Side Effects and Contraindications of Relaxation Massage ' +
    'during Pregnancy: A Systematic Review of Randomized Controlled Trials." J. Clin. Med. 2021, ' +
    '10(16), 3485. https://doi.org/10.3390/jcm10163485',
} as const satisfies Record<string, string>;
export type SourceId = keyof typeof SCREENING_SOURCES;

/** The practice's standard catalogue; rules may only name these slugs. */
export const CATALOGUE_MASSAGE_TYPES = [
  'swedish',
  'deep-tissue',
  'shiatsu',
  'hot-stone',
  'aromatherapy',
  'prenatal',
  'sports',
] as const;
export type CatalogueMassageType = (typeof CATALOGUE_MASSAGE_TYPES)[number];

/**
 * ok: a note for the therapist; the type stays ok and the confirm needs nothing for it.
 * caution: bookable, but the therapist must acknowledge the flag on confirm (and confirm clearance if required).
 * blocked: not bookable.
 */
export const FLAG_DECISIONS = ['ok', 'caution', 'blocked'] as const;
export type FlagDecision = (typeof FLAG_DECISIONS)[number];
/** absolute: whole-body contraindication · local: avoid a region · relative: modify the treatment. */
export type ScreeningSeverity = 'absolute' | 'local' | 'relative';

/**
 * Which massage types a row covers. `all` and `all-except` also cover types an admin adds
 * later, so a new type is never silently exempt from a systemic rule; `only` covers just
 * the named catalogue types.
 */
export type RuleScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'only'; readonly massageTypes: readonly CatalogueMassageType[] }
  | { readonly kind: 'all-except'; readonly massageTypes: readonly CatalogueMassageType[] };

/** Answers that carry the body region the client reported. */
export type RegionAnswer = 'fracture' | 'recentSurgery' | 'skin';
export type RegionsToAvoid =
  | { readonly kind: 'fixed'; readonly regions: readonly BodyRegion[] }
  | { readonly kind: 'from-answer'; readonly answer: RegionAnswer };

interface ScreeningRuleFields {
  readonly code: string;
  /** Plain description of `appliesWhen`, used in the generated rules table. */
  readonly condition: string;
  readonly appliesWhen: (answers: ScreeningAnswers) => boolean;
  readonly ruleScope: RuleScope;
  readonly severity: ScreeningSeverity;
  readonly avoid?: RegionsToAvoid;
  /** Types to offer first when this row blocks one. */
  readonly suggests?: readonly CatalogueMassageType[];
  readonly clientMessage: string;
  readonly therapistNote: string;
  readonly sources: readonly [SourceId, ...SourceId[]];
}

/**
 * A row either leaves the type ok and only tells the therapist something (an ok-level note, which can never
 * demand clearance: that would make it a caution), or cautions or blocks it.
 */
export type ScreeningRule = ScreeningRuleFields &
  (
    | { readonly decision: 'ok'; readonly requiresClearance: false }
    | { readonly decision: 'caution' | 'blocked'; readonly requiresClearance: boolean }
  );

const ALL_TYPES: RuleScope = { kind: 'all' };
const only = (...massageTypes: CatalogueMassageType[]): RuleScope => ({ kind: 'only', massageTypes });
const allExcept = (...massageTypes: CatalogueMassageType[]): RuleScope => ({
  kind: 'all-except',
  massageTypes,
});

/** Types whose sustained deep or point pressure is what several conditions rule out. */
const DEEP_PRESSURE_TYPES: CatalogueMassageType[] = ['deep-tissue', 'sports', 'shiatsu'];
const BACK_REGIONS: readonly BodyRegion[] = ['upper-back', 'lower-back'];

/** Bone needs roughly this long to knit before nearby pressure is safe (Werner & Benjamin). */
export const FRACTURE_CAUTION_WEEKS = 8;
export const SURGERY_CAUTION_WEEKS = 6;
/** The trials in Mueller & Grunwald all started at 12+ weeks: no evidence base earlier. */
export const FIRST_TRIMESTER_END_WEEK = 13;
/** From about here lying supine or on the right side can compress the vena cava. */
export const LEFT_SIDE_LYING_FROM_WEEK = 22;

const isPregnant = (answers: ScreeningAnswers): boolean => answers.pregnancy?.pregnant === true;
const pregnancyWeeks = (answers: ScreeningAnswers): number | undefined =>
  isPregnant(answers) ? answers.pregnancy?.weeks : undefined;
const hasAcuteDisc = (answers: ScreeningAnswers): boolean =>
  answers.herniatedDisc?.acute === true || answers.herniatedDisc?.neurologicalSymptoms === true;
// Chemo or radiation is treatment, whatever the client ticked for `inTreatment`.
const isInCancerTreatment = (answers: ScreeningAnswers): boolean =>
  answers.cancer?.inTreatment === true || answers.cancer?.chemoOrRadiation === true;
const hasRecentFracture = (answers: ScreeningAnswers): boolean =>
  answers.fracture !== undefined && answers.fracture.weeksSince < FRACTURE_CAUTION_WEEKS;

const PRENATAL_LEG_NOTE =
  'No deep work on the legs: pregnancy raises the risk of blood clots.';

export const SCREENING_RULES: readonly ScreeningRule[] = [
  // ── Whole-body contraindications ──────────────────────────────────────────────
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

  // ── Pregnancy ─────────────────────────────────────────────────────────────────
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
    ruleScope: allExcept('prenatal'),
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
    ruleScope: only('prenatal'),
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
    ruleScope: only('prenatal'),
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
    ruleScope: only('prenatal'),
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
    ruleScope: only('prenatal'),
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
    ruleScope: only('prenatal'),
    decision: 'ok',
    severity: 'relative',
    requiresClearance: false,
    clientMessage: 'Your therapist will position you comfortably on your left side or on a wedge with pillows.',
    therapistNote: `From ~${LEFT_SIDE_LYING_FROM_WEEK} weeks: left side-lying or a wedge, never flat on the back (vena cava compression). ${PRENATAL_LEG_NOTE}`,
    sources: ['mueller-grunwald-2021'],
  },

  // ── Skin ──────────────────────────────────────────────────────────────────────
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

  // ── Bones, joints and spine ───────────────────────────────────────────────────
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
    condition: `Surgery less than ${SURGERY_CAUTION_WEEKS} weeks ago`,
    appliesWhen: (answers) =>
      answers.recentSurgery !== undefined && answers.recentSurgery.weeksSince < SURGERY_CAUTION_WEEKS,
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
    condition: `Surgery less than ${SURGERY_CAUTION_WEEKS} weeks ago`,
    appliesWhen: (answers) =>
      answers.recentSurgery !== undefined && answers.recentSurgery.weeksSince < SURGERY_CAUTION_WEEKS,
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
  {
    code: 'herniated-disc-acute-deep-work',
    condition: 'Herniated disc, acute or with neurological symptoms',
    appliesWhen: hasAcuteDisc,
    ruleScope: only(...DEEP_PRESSURE_TYPES),
    decision: 'blocked',
    severity: 'relative',
    // Blocked whatever the doctor says while acute; clearance unblocks nothing here.
    requiresClearance: false,
    clientMessage:
      'With an acute disc problem, strong pressure could make it worse. Please choose a gentler massage and check with your doctor first.',
    therapistNote: 'Acute disc herniation or nerve signs: no deep or sustained point pressure.',
    sources: ['werner-benjamin'],
  },
  {
    code: 'herniated-disc-acute',
    condition: 'Herniated disc, acute or with neurological symptoms',
    appliesWhen: hasAcuteDisc,
    ruleScope: allExcept(...DEEP_PRESSURE_TYPES),
    decision: 'caution',
    severity: 'relative',
    requiresClearance: true,
    clientMessage: 'Please bring your doctor’s OK for massage while your disc problem is acute.',
    therapistNote:
      'Acute disc herniation or nerve signs: confirm clearance; gentle work, no pressure over the spine, stop on any radiating pain, numbness or tingling.',
    sources: ['werner-benjamin'],
  },
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
  {
    code: 'osteoporosis-severe-deep-work',
    condition: 'Severe osteoporosis',
    appliesWhen: (answers) => answers.osteoporosis === 'severe',
    ruleScope: only(...DEEP_PRESSURE_TYPES),
    decision: 'blocked',
    severity: 'relative',
    requiresClearance: false,
    clientMessage:
      'With severe osteoporosis, strong pressure could harm your bones. A gentle massage such as Swedish is a safe choice.',
    therapistNote: 'Severe osteoporosis: fracture risk; no deep or forceful pressure, no joint mobilisation.',
    sources: ['werner-benjamin', 'abmp-osteoporosis'],
  },
  {
    code: 'osteoporosis-severe',
    condition: 'Severe osteoporosis',
    appliesWhen: (answers) => answers.osteoporosis === 'severe',
    ruleScope: allExcept(...DEEP_PRESSURE_TYPES),
    decision: 'caution',
    severity: 'relative',
    requiresClearance: false,
    clientMessage: 'Your therapist will use gentle pressure to protect your bones.',
    therapistNote:
      'Severe osteoporosis: gentle pressure only, especially over ribs and spine; help the client on and off the table.',
    sources: ['werner-benjamin', 'abmp-osteoporosis'],
  },
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

  // ── Blood and circulation ─────────────────────────────────────────────────────
  {
    code: 'anticoagulants-deep-work',
    condition: 'Anticoagulants or a bleeding disorder',
    appliesWhen: (answers) => answers.anticoagulantsOrBleedingDisorder === true,
    ruleScope: only('deep-tissue', 'sports', 'hot-stone'),
    decision: 'blocked',
    severity: 'relative',
    requiresClearance: false,
    clientMessage:
      'Blood thinners or a bleeding disorder make you bruise easily, so this massage is not suitable. A lighter massage is a good choice.',
    therapistNote: 'Anticoagulants/bleeding disorder: bruising and bleeding risk; no deep, vigorous or heated work.',
    sources: ['nccih'],
  },
  {
    code: 'anticoagulants',
    condition: 'Anticoagulants or a bleeding disorder',
    appliesWhen: (answers) => answers.anticoagulantsOrBleedingDisorder === true,
    ruleScope: allExcept('deep-tissue', 'sports', 'hot-stone'),
    decision: 'caution',
    severity: 'relative',
    requiresClearance: false,
    clientMessage: 'Your therapist will use light pressure to avoid bruising.',
    therapistNote: 'Anticoagulants/bleeding disorder: light pressure throughout; check for bruising.',
    sources: ['nccih'],
  },
  {
    code: 'varicose-veins-severe',
    condition: 'Severe varicose veins',
    appliesWhen: (answers) => answers.varicoseVeins === 'severe',
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
    condition: 'Severe varicose veins',
    appliesWhen: (answers) => answers.varicoseVeins === 'severe',
    ruleScope: only('deep-tissue'),
    decision: 'blocked',
    severity: 'local',
    requiresClearance: false,
    avoid: { kind: 'fixed', regions: ['legs'] },
    clientMessage: 'With severe varicose veins, deep-tissue massage is not suitable. Please choose a gentler massage.',
    therapistNote: 'Severe varicose veins: deep-tissue work is contraindicated.',
    sources: ['werner-benjamin'],
  },

  // ── Cancer ────────────────────────────────────────────────────────────────────
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

  // ── Metabolic and heart ───────────────────────────────────────────────────────
  {
    code: 'diabetes-neuropathy-hot-stone',
    condition: 'Diabetes with neuropathy',
    appliesWhen: (answers) => answers.diabetes?.neuropathy === true,
    ruleScope: only('hot-stone'),
    decision: 'blocked',
    severity: 'relative',
    requiresClearance: false,
    clientMessage:
      'With reduced feeling in your skin you may not notice if a stone is too hot, so hot-stone massage is not suitable. Please choose another massage.',
    therapistNote: 'Diabetic neuropathy: loss of heat sensation, burn risk; no heat applications.',
    sources: ['abmp-diabetes'],
  },
  {
    code: 'diabetes-neuropathy',
    condition: 'Diabetes with neuropathy',
    appliesWhen: (answers) => answers.diabetes?.neuropathy === true,
    ruleScope: allExcept('hot-stone'),
    decision: 'caution',
    severity: 'relative',
    requiresClearance: false,
    clientMessage:
      'Your therapist will avoid insulin injection sites and areas where your feeling is reduced.',
    therapistNote:
      'Diabetic neuropathy: avoid recent insulin injection sites; no work on numb areas (client cannot report discomfort); check feet for wounds; watch for low blood sugar.',
    sources: ['abmp-diabetes'],
  },
  {
    code: 'heart-condition-hot-stone',
    condition: 'Heart condition',
    appliesWhen: (answers) => answers.heartCondition === true,
    ruleScope: only('hot-stone'),
    decision: 'blocked',
    severity: 'relative',
    requiresClearance: false,
    clientMessage:
      'Heat treatments put extra strain on the heart, so hot-stone massage is not suitable. Please choose another massage.',
    therapistNote: 'Heart condition: heat increases cardiac load; no hot-stone work.',
    sources: ['werner-benjamin'],
  },
  {
    code: 'heart-condition',
    condition: 'Heart condition',
    appliesWhen: (answers) => answers.heartCondition === true,
    ruleScope: allExcept('hot-stone'),
    decision: 'caution',
    severity: 'relative',
    requiresClearance: false,
    clientMessage: 'Your therapist will ask about your heart condition and adapt the massage.',
    therapistNote:
      'Heart condition: ask about type and stability; moderate pressure; let the client get up slowly.',
    sources: ['werner-benjamin'],
  },

  // ── Medication and allergies ──────────────────────────────────────────────────
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
