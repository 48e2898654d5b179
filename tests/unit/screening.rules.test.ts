import { describe, expect, it } from 'vitest';
import {
  BODY_REGIONS,
  PREGNANCY_WARNING_SIGNS,
  screeningAnswersSchema,
} from '../../src/modules/screening/screening.answers.ts';
import type { ScreeningAnswersInput } from '../../src/modules/screening/screening.answers.ts';
import {
  SCREENING_DISCLAIMER,
  SCREENING_RULES,
  SCREENING_RULESET_VERSION,
  SCREENING_SOURCES,
} from '../../src/modules/screening/screening.ruleset.ts';
import {
  SCREENING_VALIDITY_DAYS,
  advancePregnancy,
  evaluateScreening,
  outcomeFor,
  renderRulesMarkdown,
  requiresAcknowledgement,
  requiresClearance,
} from '../../src/modules/screening/screening.rules.ts';
import type {
  ScreeningDecision,
  ScreeningOutcome,
} from '../../src/modules/screening/screening.rules.ts';

// Written out rather than imported so the test pins the catalogue the rules were written for.
const CATALOGUE = [
  'swedish',
  'deep-tissue',
  'shiatsu',
  'hot-stone',
  'aromatherapy',
  'prenatal',
  'sports',
] as const;
type CatalogueSlug = (typeof CATALOGUE)[number];
type DecisionPerType = Record<CatalogueSlug, ScreeningDecision>;

function screen(input: ScreeningAnswersInput, slugs: readonly string[] = CATALOGUE): ScreeningOutcome[] {
  return evaluateScreening(screeningAnswersSchema.parse(input), slugs);
}

/** Every catalogue type gets `base`, except the ones listed. */
function decisions(base: ScreeningDecision, except: Partial<DecisionPerType> = {}): DecisionPerType {
  const table = Object.fromEntries(CATALOGUE.map((slug) => [slug, except[slug] ?? base]));
  return table as DecisionPerType;
}

function decisionsOf(outcomes: readonly ScreeningOutcome[]): Record<string, ScreeningDecision> {
  return Object.fromEntries(outcomes.map((outcome) => [outcome.massageType, outcome.decision]));
}

function codesOf(outcomes: readonly ScreeningOutcome[]): string[] {
  return [...new Set(outcomes.flatMap((outcome) => outcome.flags.map((flag) => flag.code)))].sort();
}

function flagCodes(outcomes: readonly ScreeningOutcome[], slug: string): string[] {
  return outcomeFor(outcomes, slug)?.flags.map((flag) => flag.code) ?? [];
}

function flag(outcomes: readonly ScreeningOutcome[], slug: string, code: string) {
  const found = outcomeFor(outcomes, slug)?.flags.find((candidate) => candidate.code === code);
  if (found === undefined) throw new Error(`no ${code} flag on ${slug}`);
  return found;
}

const DEEP_BLOCKED = { 'deep-tissue': 'blocked', sports: 'blocked', shiatsu: 'blocked' } as const;
/** Pregnant: every type but prenatal blocked. Prenatal is ok from 13 weeks (with a positioning note) … */
const ONLY_PRENATAL = decisions('blocked', { prenatal: 'ok' });
/** … and caution before 13 weeks, when high-risk, or when another condition calls for it. */
const ONLY_PRENATAL_WITH_CAUTION = decisions('blocked', { prenatal: 'caution' });

interface RuleCase {
  behaviour: string;
  answers: ScreeningAnswersInput;
  expected: DecisionPerType;
  codes: string[];
}

const RULE_CASES: RuleCase[] = [
  // Whole-body
  { behaviour: 'fever or contagious illness blocks every type', answers: { feverOrContagiousIllness: true }, expected: decisions('blocked'), codes: ['fever-or-contagious-illness'] },
  { behaviour: 'intoxication blocks every type', answers: { alcoholOrIntoxicated: true }, expected: decisions('blocked'), codes: ['intoxicated'] },
  { behaviour: 'a current blood clot blocks every type', answers: { bloodClot: { current: true } }, expected: decisions('blocked'), codes: ['blood-clot-current'] },
  { behaviour: 'a current clot with a history reports only the current clot', answers: { bloodClot: { current: true, history: true } }, expected: decisions('blocked'), codes: ['blood-clot-current'] },
  { behaviour: 'a history of blood clots is caution for every type', answers: { bloodClot: { history: true } }, expected: decisions('caution'), codes: ['blood-clot-history'] },
  { behaviour: 'uncontrolled blood pressure blocks every type', answers: { bloodPressure: 'uncontrolled' }, expected: decisions('blocked'), codes: ['blood-pressure-uncontrolled'] },
  { behaviour: 'controlled blood pressure changes nothing', answers: { bloodPressure: 'controlled' }, expected: decisions('ok'), codes: [] },
  // Pregnancy
  { behaviour: 'pregnancy warning signs block every type, prenatal included', answers: { pregnancy: { pregnant: true, weeks: 20, warningSigns: ['bleeding'] } }, expected: decisions('blocked'), codes: ['pregnancy-prenatal-only', 'pregnancy-side-lying', 'pregnancy-warning-signs'] },
  { behaviour: 'pregnancy under 13 weeks allows only prenatal, as caution with clearance', answers: { pregnancy: { pregnant: true, weeks: 10 } }, expected: ONLY_PRENATAL_WITH_CAUTION, codes: ['pregnancy-first-trimester', 'pregnancy-prenatal-only'] },
  { behaviour: 'pregnancy at 12 weeks is still first trimester: prenatal caution', answers: { pregnancy: { pregnant: true, weeks: 12 } }, expected: ONLY_PRENATAL_WITH_CAUTION, codes: ['pregnancy-first-trimester', 'pregnancy-prenatal-only'] },
  { behaviour: 'pregnancy from 13 weeks allows only prenatal, ok with a side-lying note', answers: { pregnancy: { pregnant: true, weeks: 13 } }, expected: ONLY_PRENATAL, codes: ['pregnancy-prenatal-only', 'pregnancy-side-lying'] },
  { behaviour: 'pregnancy at 21 weeks is prenatal ok with the side-lying note', answers: { pregnancy: { pregnant: true, weeks: 21 } }, expected: ONLY_PRENATAL, codes: ['pregnancy-prenatal-only', 'pregnancy-side-lying'] },
  { behaviour: 'pregnancy from 22 weeks allows only prenatal, ok with a left side-lying note', answers: { pregnancy: { pregnant: true, weeks: 22 } }, expected: ONLY_PRENATAL, codes: ['pregnancy-left-side-lying', 'pregnancy-prenatal-only'] },
  { behaviour: 'pregnancy without weeks allows only prenatal, as caution with clearance', answers: { pregnancy: { pregnant: true } }, expected: ONLY_PRENATAL_WITH_CAUTION, codes: ['pregnancy-prenatal-only', 'pregnancy-weeks-unknown'] },
  { behaviour: 'high-risk pregnancy allows only prenatal, as caution with clearance', answers: { pregnancy: { pregnant: true, weeks: 25, highRisk: true } }, expected: ONLY_PRENATAL_WITH_CAUTION, codes: ['pregnancy-high-risk', 'pregnancy-left-side-lying', 'pregnancy-prenatal-only'] },
  { behaviour: 'not pregnant changes nothing', answers: { pregnancy: { pregnant: false } }, expected: decisions('ok'), codes: [] },
  // Skin
  { behaviour: 'a contagious skin infection blocks every type', answers: { skin: { contagiousInfection: true } }, expected: decisions('blocked'), codes: ['skin-contagious-infection'] },
  { behaviour: 'an open wound is caution for every type', answers: { skin: { openWoundOrBurn: true, region: 'arms' } }, expected: decisions('caution'), codes: ['skin-open-wound-or-burn'] },
  // Bones, joints, spine
  { behaviour: 'a fracture under 8 weeks outside the back is caution for every type', answers: { fracture: { weeksSince: 4, region: 'arms' } }, expected: decisions('caution'), codes: ['fracture-recent'] },
  { behaviour: 'a lower-back fracture under 8 weeks blocks deep-tissue and sports', answers: { fracture: { weeksSince: 4, region: 'lower-back' } }, expected: decisions('caution', { 'deep-tissue': 'blocked', sports: 'blocked' }), codes: ['fracture-recent', 'fracture-recent-back'] },
  { behaviour: 'an upper-back fracture under 8 weeks blocks deep-tissue and sports', answers: { fracture: { weeksSince: 7, region: 'upper-back' } }, expected: decisions('caution', { 'deep-tissue': 'blocked', sports: 'blocked' }), codes: ['fracture-recent', 'fracture-recent-back'] },
  { behaviour: 'a fracture 8 weeks ago changes nothing', answers: { fracture: { weeksSince: 8, region: 'lower-back' } }, expected: decisions('ok'), codes: [] },
  { behaviour: 'surgery under 6 weeks blocks deep-tissue and is caution elsewhere', answers: { recentSurgery: { weeksSince: 3, region: 'abdomen' } }, expected: decisions('caution', { 'deep-tissue': 'blocked' }), codes: ['surgery-recent', 'surgery-recent-deep-tissue'] },
  { behaviour: 'surgery 6 weeks ago changes nothing', answers: { recentSurgery: { weeksSince: 6, region: 'abdomen' } }, expected: decisions('ok'), codes: [] },
  { behaviour: 'an acute herniated disc blocks deep-pressure types, clearance elsewhere', answers: { herniatedDisc: { acute: true } }, expected: decisions('caution', DEEP_BLOCKED), codes: ['herniated-disc-acute', 'herniated-disc-acute-deep-work'] },
  { behaviour: 'a herniated disc with neurological symptoms counts as acute', answers: { herniatedDisc: { neurologicalSymptoms: true } }, expected: decisions('caution', DEEP_BLOCKED), codes: ['herniated-disc-acute', 'herniated-disc-acute-deep-work'] },
  { behaviour: 'a sub-acute herniated disc is caution for every type', answers: { herniatedDisc: {} }, expected: decisions('caution'), codes: ['herniated-disc-subacute'] },
  { behaviour: 'severe osteoporosis blocks deep-pressure types, gentle elsewhere', answers: { osteoporosis: 'severe' }, expected: decisions('caution', DEEP_BLOCKED), codes: ['osteoporosis-severe', 'osteoporosis-severe-deep-work'] },
  { behaviour: 'mild osteoporosis is caution for every type', answers: { osteoporosis: 'mild' }, expected: decisions('caution'), codes: ['osteoporosis-mild'] },
  { behaviour: 'no osteoporosis changes nothing', answers: { osteoporosis: 'none' }, expected: decisions('ok'), codes: [] },
  // Blood and circulation
  { behaviour: 'anticoagulants block deep-tissue, sports and hot-stone, light pressure elsewhere', answers: { anticoagulantsOrBleedingDisorder: true }, expected: decisions('caution', { 'deep-tissue': 'blocked', sports: 'blocked', 'hot-stone': 'blocked' }), codes: ['anticoagulants', 'anticoagulants-deep-work'] },
  { behaviour: 'severe varicose veins block deep-tissue and are caution elsewhere', answers: { varicoseVeins: 'severe' }, expected: decisions('caution', { 'deep-tissue': 'blocked' }), codes: ['varicose-veins-severe', 'varicose-veins-severe-deep-tissue'] },
  { behaviour: 'mild varicose veins change nothing', answers: { varicoseVeins: 'mild' }, expected: decisions('ok'), codes: [] },
  // Cancer
  { behaviour: 'cancer in treatment without approval blocks deep-tissue, clearance elsewhere', answers: { cancer: { inTreatment: true } }, expected: decisions('caution', { 'deep-tissue': 'blocked' }), codes: ['cancer-deep-tissue-without-approval', 'cancer-treatment'] },
  { behaviour: 'cancer in treatment with oncologist approval is caution for every type', answers: { cancer: { inTreatment: true, oncologistApproval: true } }, expected: decisions('caution'), codes: ['cancer-treatment'] },
  { behaviour: 'chemo or radiation blocks hot-stone', answers: { cancer: { inTreatment: true, chemoOrRadiation: true, oncologistApproval: true } }, expected: decisions('caution', { 'hot-stone': 'blocked' }), codes: ['cancer-chemo-radiation-hot-stone', 'cancer-treatment'] },
  { behaviour: 'chemo counts as treatment even if inTreatment was left out', answers: { cancer: { chemoOrRadiation: true } }, expected: decisions('caution', { 'hot-stone': 'blocked', 'deep-tissue': 'blocked' }), codes: ['cancer-chemo-radiation-hot-stone', 'cancer-deep-tissue-without-approval', 'cancer-treatment'] },
  { behaviour: 'cancer not in treatment changes nothing', answers: { cancer: {} }, expected: decisions('ok'), codes: [] },
  // Metabolic and heart
  { behaviour: 'diabetes with neuropathy blocks hot-stone, caution elsewhere', answers: { diabetes: { neuropathy: true } }, expected: decisions('caution', { 'hot-stone': 'blocked' }), codes: ['diabetes-neuropathy', 'diabetes-neuropathy-hot-stone'] },
  { behaviour: 'diabetes without neuropathy changes nothing', answers: { diabetes: {} }, expected: decisions('ok'), codes: [] },
  { behaviour: 'a heart condition blocks hot-stone, caution elsewhere', answers: { heartCondition: true }, expected: decisions('caution', { 'hot-stone': 'blocked' }), codes: ['heart-condition', 'heart-condition-hot-stone'] },
  // Medication and allergies
  { behaviour: 'pain medication is caution for deep-tissue and sports only', answers: { painMedicationLast24h: true }, expected: decisions('ok', { 'deep-tissue': 'caution', sports: 'caution' }), codes: ['pain-medication'] },
  { behaviour: 'an essential-oil allergy blocks aromatherapy only', answers: { essentialOilAllergy: true }, expected: decisions('ok', { aromatherapy: 'blocked' }), codes: ['essential-oil-allergy'] },
  // Combinations
  { behaviour: 'pregnant on anticoagulants: only prenatal, caution for light pressure', answers: { pregnancy: { pregnant: true, weeks: 20 }, anticoagulantsOrBleedingDisorder: true }, expected: ONLY_PRENATAL_WITH_CAUTION, codes: ['anticoagulants', 'anticoagulants-deep-work', 'pregnancy-prenatal-only', 'pregnancy-side-lying'] },
  { behaviour: 'pregnant at 20 weeks on pain medication: prenatal stays ok (the medication rule spares it)', answers: { pregnancy: { pregnant: true, weeks: 20 }, painMedicationLast24h: true }, expected: ONLY_PRENATAL, codes: ['pain-medication', 'pregnancy-prenatal-only', 'pregnancy-side-lying'] },
  { behaviour: 'mild osteoporosis with pain medication is caution for every type', answers: { osteoporosis: 'mild', painMedicationLast24h: true }, expected: decisions('caution'), codes: ['osteoporosis-mild', 'pain-medication'] },
  { behaviour: 'a lower-back fracture with severe osteoporosis blocks all deep-pressure types', answers: { fracture: { weeksSince: 2, region: 'lower-back' }, osteoporosis: 'severe' }, expected: decisions('caution', DEEP_BLOCKED), codes: ['fracture-recent', 'fracture-recent-back', 'osteoporosis-severe', 'osteoporosis-severe-deep-work'] },
];

describe('screening rules table', () => {
  it.each(RULE_CASES)('$behaviour', ({ answers, expected, codes }) => {
    const outcomes = screen(answers);
    expect(decisionsOf(outcomes)).toEqual(expected);
    expect(codesOf(outcomes)).toEqual([...codes].sort());
  });

  it('exercises every rule row in at least one case', () => {
    const covered = new Set(RULE_CASES.flatMap((ruleCase) => ruleCase.codes));
    expect(SCREENING_RULES.map((rule) => rule.code).filter((code) => !covered.has(code))).toEqual([]);
  });

  it('gives ok with no flags or alternatives for an empty questionnaire', () => {
    for (const outcome of screen({})) {
      expect(outcome).toEqual({ massageType: outcome.massageType, decision: 'ok', flags: [], alternatives: [] });
    }
  });

  it('decides each type by its worst flag', () => {
    const outcomes = screen({ pregnancy: { pregnant: true, weeks: 20 }, anticoagulantsOrBleedingDisorder: true });
    expect(flagCodes(outcomes, 'prenatal')).toEqual(['pregnancy-side-lying', 'anticoagulants']);
    expect(outcomeFor(outcomes, 'prenatal')?.decision).toBe('caution');
    expect(flagCodes(outcomes, 'hot-stone')).toEqual(['pregnancy-prenatal-only', 'anticoagulants-deep-work']);
    expect(flagCodes(outcomes, 'swedish')).toEqual(['pregnancy-prenatal-only', 'anticoagulants']);
    expect(outcomeFor(outcomes, 'swedish')?.decision).toBe('blocked');
  });

  it('keeps a type ok when its only flags are ok-level notes, and still carries the note', () => {
    const outcomes = screen({ pregnancy: { pregnant: true, weeks: 20 } });
    expect(outcomeFor(outcomes, 'prenatal')).toEqual({
      massageType: 'prenatal',
      decision: 'ok',
      flags: [expect.objectContaining({ code: 'pregnancy-side-lying', decision: 'ok', requiresClearance: false })],
      alternatives: [],
    });
  });

  it('stacks pain medication on mild osteoporosis for deep-tissue', () => {
    const outcomes = screen({ osteoporosis: 'mild', painMedicationLast24h: true });
    expect(flagCodes(outcomes, 'deep-tissue')).toEqual(['osteoporosis-mild', 'pain-medication']);
    expect(flagCodes(outcomes, 'swedish')).toEqual(['osteoporosis-mild']);
  });
});

describe('screening flags', () => {
  it('carries the reported region to avoid for fractures, surgery and wounds', () => {
    expect(flag(screen({ fracture: { weeksSince: 2, region: 'lower-back' } }), 'swedish', 'fracture-recent').avoidRegions).toEqual(['lower-back']);
    expect(flag(screen({ recentSurgery: { weeksSince: 1, region: 'hips' } }), 'shiatsu', 'surgery-recent').avoidRegions).toEqual(['hips']);
    expect(flag(screen({ skin: { openWoundOrBurn: true, region: 'hands' } }), 'swedish', 'skin-open-wound-or-burn').avoidRegions).toEqual(['hands']);
  });

  it('leaves avoidRegions empty for a wound without a region and tells the therapist to ask', () => {
    const wound = flag(screen({ skin: { openWoundOrBurn: true } }), 'swedish', 'skin-open-wound-or-burn');
    expect(wound.avoidRegions).toEqual([]);
    expect(wound.therapistNote).toMatch(/ask the client where/);
  });

  it('tells the therapist how to position a pregnant client from 13 weeks, as an ok-level note', () => {
    const side = flag(screen({ pregnancy: { pregnant: true, weeks: 16 } }), 'prenatal', 'pregnancy-side-lying');
    expect(side).toMatchObject({ decision: 'ok', severity: 'relative', requiresClearance: false, avoidRegions: [] });
    expect(side.therapistNote).toMatch(/side-lying/);
    expect(side.therapistNote).toMatch(/No deep work on the legs/);
    const left = flag(screen({ pregnancy: { pregnant: true, weeks: 30 } }), 'prenatal', 'pregnancy-left-side-lying');
    expect(left).toMatchObject({ decision: 'ok', requiresClearance: false });
    expect(left.therapistNote).toMatch(/left side-lying or a wedge/);
    expect(left.therapistNote).toMatch(/No deep work on the legs/);
  });

  it('needs acknowledgement only for flags stricter than an ok-level note', () => {
    const twentyWeeks = outcomeFor(screen({ pregnancy: { pregnant: true, weeks: 20 } }), 'prenatal')?.flags ?? [];
    expect(twentyWeeks).toHaveLength(1);
    expect(requiresAcknowledgement(twentyWeeks)).toBe(false);
    expect(requiresClearance(twentyWeeks)).toBe(false);
    const tenWeeks = outcomeFor(screen({ pregnancy: { pregnant: true, weeks: 10 } }), 'prenatal')?.flags ?? [];
    expect(requiresAcknowledgement(tenWeeks)).toBe(true);
    expect(requiresClearance(tenWeeks)).toBe(true);
    expect(requiresAcknowledgement([])).toBe(false);
  });

  it('avoids the legs for severe varicose veins', () => {
    expect(flag(screen({ varicoseVeins: 'severe' }), 'swedish', 'varicose-veins-severe').avoidRegions).toEqual(['legs']);
  });

  it('requires clearance for a history of blood clots and keeps deep work off the legs', () => {
    const history = flag(screen({ bloodClot: { history: true } }), 'deep-tissue', 'blood-clot-history');
    expect(history).toMatchObject({ decision: 'caution', requiresClearance: true });
    expect(history.therapistNote).toMatch(/legs/);
  });

  it('requires oncologist clearance for every type during cancer treatment', () => {
    const outcomes = screen({ cancer: { inTreatment: true, oncologistApproval: true } });
    for (const slug of CATALOGUE) expect(flag(outcomes, slug, 'cancer-treatment').requiresClearance).toBe(true);
  });

  it('marks whole-body blocks absolute, region rules local and modifications relative', () => {
    expect(flag(screen({ feverOrContagiousIllness: true }), 'swedish', 'fever-or-contagious-illness').severity).toBe('absolute');
    expect(flag(screen({ fracture: { weeksSince: 1, region: 'feet' } }), 'swedish', 'fracture-recent').severity).toBe('local');
    expect(flag(screen({ osteoporosis: 'mild' }), 'swedish', 'osteoporosis-mild').severity).toBe('relative');
  });

  it('cites the full source text, joining several sources', () => {
    const severe = flag(screen({ osteoporosis: 'severe' }), 'swedish', 'osteoporosis-severe');
    expect(severe.source).toBe(`${SCREENING_SOURCES['werner-benjamin']}; ${SCREENING_SOURCES['abmp-osteoporosis']}`);
    expect(flag(screen({ anticoagulantsOrBleedingDisorder: true }), 'swedish', 'anticoagulants').source).toBe(SCREENING_SOURCES.nccih);
  });

  it('gives every flag a client message and a therapist note', () => {
    for (const rule of SCREENING_RULES) {
      expect(rule.clientMessage.length, rule.code).toBeGreaterThan(20);
      expect(rule.therapistNote.length, rule.code).toBeGreaterThan(20);
    }
  });
});

describe('screening alternatives', () => {
  it('offers prenatal instead of any other type during pregnancy', () => {
    const outcomes = screen({ pregnancy: { pregnant: true, weeks: 20 } });
    for (const slug of CATALOGUE.filter((slug) => slug !== 'prenatal')) {
      expect(outcomeFor(outcomes, slug)?.alternatives).toEqual(['prenatal']);
    }
    expect(outcomeFor(outcomes, 'prenatal')?.alternatives).toEqual([]);
  });

  it('offers swedish instead of aromatherapy for an essential-oil allergy', () => {
    expect(outcomeFor(screen({ essentialOilAllergy: true }), 'aromatherapy')?.alternatives).toEqual(['swedish']);
  });

  it('offers every bookable type in catalogue order when the rule suggests none', () => {
    const outcomes = screen({ anticoagulantsOrBleedingDisorder: true });
    expect(outcomeFor(outcomes, 'deep-tissue')?.alternatives).toEqual(['swedish', 'shiatsu', 'aromatherapy', 'prenatal']);
  });

  it('follows the order of the catalogue it is given', () => {
    const outcomes = screen({ anticoagulantsOrBleedingDisorder: true }, ['prenatal', 'sports', 'aromatherapy', 'swedish']);
    expect(outcomeFor(outcomes, 'sports')?.alternatives).toEqual(['prenatal', 'aromatherapy', 'swedish']);
  });

  it('offers nothing when every type is blocked, even a suggested one', () => {
    const outcomes = screen({ pregnancy: { pregnant: true, weeks: 20, warningSigns: ['reduced-fetal-movement'] } });
    for (const outcome of outcomes) expect(outcome.alternatives).toEqual([]);
  });

  it('offers only the suggestions that are still bookable', () => {
    // Aromatherapy is blocked by pregnancy (suggests prenatal) and the allergy (suggests swedish, itself blocked).
    const outcomes = screen({ pregnancy: { pregnant: true, weeks: 30 }, essentialOilAllergy: true });
    expect(outcomeFor(outcomes, 'aromatherapy')?.alternatives).toEqual(['prenatal']);
  });

  it('falls back to every bookable type when no suggestion is bookable', () => {
    const withoutSwedish = screen({ essentialOilAllergy: true }, ['aromatherapy', 'hot-stone', 'shiatsu']);
    expect(outcomeFor(withoutSwedish, 'aromatherapy')?.alternatives).toEqual(['hot-stone', 'shiatsu']);
  });

  it('leaves alternatives empty for ok and caution types', () => {
    const outcomes = screen({ osteoporosis: 'severe' });
    expect(outcomeFor(outcomes, 'swedish')).toMatchObject({ decision: 'caution', alternatives: [] });
  });
});

describe('admin-added massage types', () => {
  const WITH_THAI = [...CATALOGUE, 'thai'];

  it('applies rules scoped to all types to an unknown slug', () => {
    expect(outcomeFor(screen({ feverOrContagiousIllness: true }, WITH_THAI), 'thai')?.decision).toBe('blocked');
    expect(outcomeFor(screen({ osteoporosis: 'mild' }, WITH_THAI), 'thai')?.decision).toBe('caution');
  });

  it('applies "all types except" rules to an unknown slug', () => {
    const pregnant = outcomeFor(screen({ pregnancy: { pregnant: true, weeks: 16 } }, WITH_THAI), 'thai');
    expect(pregnant).toMatchObject({ decision: 'blocked', alternatives: ['prenatal'] });
    expect(flagCodes(screen({ anticoagulantsOrBleedingDisorder: true }, WITH_THAI), 'thai')).toEqual(['anticoagulants']);
  });

  it('does not apply rules naming specific types to an unknown slug', () => {
    expect(outcomeFor(screen({ essentialOilAllergy: true }, WITH_THAI), 'thai')?.decision).toBe('ok');
    expect(outcomeFor(screen({ painMedicationLast24h: true }, WITH_THAI), 'thai')?.decision).toBe('ok');
  });

  it('returns one outcome per distinct slug, in the order given', () => {
    expect(screen({}, ['thai', 'swedish', 'thai']).map((outcome) => outcome.massageType)).toEqual(['thai', 'swedish']);
  });
});

describe('advancePregnancy', () => {
  const screenedAt = new Date('2026-03-02T10:00:00Z');
  const daysLater = (days: number) => new Date(screenedAt.getTime() + days * 24 * 60 * 60 * 1000);
  const at12Weeks = screeningAnswersSchema.parse({ pregnancy: { pregnant: true, weeks: 12 } });

  it('needs clearance at 12 weeks and only positioning at 15 weeks, three weeks later', () => {
    const onScreeningDay = evaluateScreening(advancePregnancy(at12Weeks, screenedAt, screenedAt), CATALOGUE);
    expect(outcomeFor(onScreeningDay, 'prenatal')?.flags).toMatchObject([{ code: 'pregnancy-first-trimester', requiresClearance: true }]);

    const advanced = advancePregnancy(at12Weeks, screenedAt, daysLater(21));
    expect(advanced.pregnancy?.weeks).toBe(15);
    const atAppointment = evaluateScreening(advanced, CATALOGUE);
    expect(outcomeFor(atAppointment, 'prenatal')).toMatchObject({ decision: 'ok' });
    expect(outcomeFor(atAppointment, 'prenatal')?.flags).toMatchObject([
      { code: 'pregnancy-side-lying', decision: 'ok', requiresClearance: false },
    ]);
  });

  it('counts only whole weeks', () => {
    expect(advancePregnancy(at12Weeks, screenedAt, daysLater(6)).pregnancy?.weeks).toBe(12);
    expect(advancePregnancy(at12Weeks, screenedAt, daysLater(7)).pregnancy?.weeks).toBe(13);
    expect(advancePregnancy(at12Weeks, screenedAt, daysLater(20)).pregnancy?.weeks).toBe(14);
  });

  it('never moves weeks backwards for an appointment before the screening', () => {
    expect(advancePregnancy(at12Weeks, screenedAt, daysLater(-14)).pregnancy?.weeks).toBe(12);
  });

  it('stays within the schema range', () => {
    const late = screeningAnswersSchema.parse({ pregnancy: { pregnant: true, weeks: 44 } });
    expect(advancePregnancy(late, screenedAt, daysLater(28)).pregnancy?.weeks).toBe(45);
  });

  it('leaves answers without pregnancy weeks unchanged and does not mutate its input', () => {
    const noWeeks = screeningAnswersSchema.parse({ pregnancy: { pregnant: true }, osteoporosis: 'mild' });
    expect(advancePregnancy(noWeeks, screenedAt, daysLater(30))).toEqual(noWeeks);
    expect(advancePregnancy({}, screenedAt, daysLater(30))).toEqual({});
    advancePregnancy(at12Weeks, screenedAt, daysLater(30));
    expect(at12Weeks.pregnancy?.weeks).toBe(12);
  });

  it('rejects invalid dates', () => {
    expect(() => advancePregnancy(at12Weeks, new Date('nope'), screenedAt)).toThrow(RangeError);
  });
});

describe('screeningAnswersSchema', () => {
  it('fills defaults so a client can send only what applies', () => {
    expect(screeningAnswersSchema.parse({ bloodClot: { current: true }, pregnancy: { pregnant: true } })).toEqual({
      bloodClot: { current: true, history: false },
      pregnancy: { pregnant: true, highRisk: false, warningSigns: [] },
    });
  });

  it.each([
    ['an unknown top-level field', { favouriteColour: 'blue' }],
    ['an unknown nested field', { bloodClot: { current: true, where: 'calf' } }],
    ['an unknown body region', { fracture: { weeksSince: 2, region: 'elbow' } }],
    ['an unknown warning sign', { pregnancy: { pregnant: true, warningSigns: ['headache'] } }],
    ['negative weeks since a fracture', { fracture: { weeksSince: -1, region: 'arms' } }],
    ['negative weeks since surgery', { recentSurgery: { weeksSince: -3, region: 'abdomen' } }],
    ['fractional weeks', { fracture: { weeksSince: 1.5, region: 'arms' } }],
    ['negative pregnancy weeks', { pregnancy: { pregnant: true, weeks: -1 } }],
    ['pregnancy weeks above 45', { pregnancy: { pregnant: true, weeks: 46 } }],
    ['pregnancy details with pregnant false', { pregnancy: { pregnant: false, warningSigns: ['bleeding'] } }],
    ['a pregnancy object without pregnant', { pregnancy: { weeks: 20 } }],
    ['an unknown osteoporosis level', { osteoporosis: 'moderate' }],
  ])('rejects %s', (_behaviour, answers) => {
    expect(screeningAnswersSchema.safeParse(answers).success).toBe(false);
  });

  it('exports the body regions and warning signs', () => {
    expect(BODY_REGIONS).toContain('lower-back');
    expect(BODY_REGIONS).toHaveLength(11);
    expect(PREGNANCY_WARNING_SIGNS).toEqual(['bleeding', 'fluid-leakage', 'preeclampsia-signs', 'reduced-fetal-movement']);
  });
});

describe('ruleset data', () => {
  it('has unique rule codes that cite known sources', () => {
    const codes = SCREENING_RULES.map((rule) => rule.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const rule of SCREENING_RULES) {
      for (const id of rule.sources) expect(Object.keys(SCREENING_SOURCES), rule.code).toContain(id);
    }
  });

  it('never asks clearance of an ok-level note or suggests alternatives from one', () => {
    for (const rule of SCREENING_RULES.filter((candidate) => candidate.decision === 'ok')) {
      expect(rule.requiresClearance, rule.code).toBe(false);
      expect(rule.suggests, rule.code).toBeUndefined();
    }
  });

  it('has the pregnancy positioning rows as its only ok-level notes', () => {
    expect(SCREENING_RULES.filter((rule) => rule.decision === 'ok').map((rule) => rule.code)).toEqual([
      'pregnancy-side-lying',
      'pregnancy-left-side-lying',
    ]);
  });

  it('says the screen informs and does not diagnose', () => {
    expect(SCREENING_DISCLAIMER).toMatch(/informs/);
    expect(SCREENING_DISCLAIMER).toMatch(/does not diagnose/);
  });

  it('is versioned and valid for 30 days', () => {
    expect(SCREENING_RULESET_VERSION).toMatch(/^\d{4}-\d{1,2}-\d+$/);
    expect(SCREENING_VALIDITY_DAYS).toBe(30);
  });
});

describe('renderRulesMarkdown', () => {
  const markdown = renderRulesMarkdown();

  it('starts with the Health screen heading and the disclaimer', () => {
    expect(markdown.startsWith('## Health screen\n')).toBe(true);
    expect(markdown).toContain(SCREENING_DISCLAIMER);
    expect(markdown).toContain(SCREENING_RULESET_VERSION);
  });

  it('has one table row per rule, generated from the data', () => {
    const tableRows = markdown.split('\n').filter((line) => line.startsWith('| `'));
    expect(tableRows).toHaveLength(SCREENING_RULES.length);
    for (const [index, rule] of SCREENING_RULES.entries()) {
      expect(tableRows[index]).toContain(`\`${rule.code}\``);
      expect(tableRows[index]).toContain(rule.condition);
      expect(tableRows[index]).toContain(rule.decision);
    }
  });

  it('explains that an ok flag is a note for the therapist that needs no acknowledgement', () => {
    expect(markdown).toContain('A rule whose decision is **ok** is a note for the therapist');
    expect(markdown).toContain('needs no `acknowledgeFlags`');
    const sideLying = markdown.split('\n').find((line) => line.startsWith('| `pregnancy-side-lying`'));
    expect(sideLying).toContain('| ok, note for the therapist (relative) |');
  });

  it('lists every source with its full citation', () => {
    for (const citation of Object.values(SCREENING_SOURCES)) expect(markdown).toContain(citation);
  });

  it('is deterministic', () => {
    expect(renderRulesMarkdown()).toBe(markdown);
  });
});
