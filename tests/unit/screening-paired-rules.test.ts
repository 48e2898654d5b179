import { describe, expect, it } from 'vitest';
import { STARTER_CATALOGUE } from '../../src/db/catalogue.ts';
import {
  allExcept,
  complementOf,
  only,
  scopeCovers,
} from '../../src/modules/screening/ruleset/massage-type-scope.ts';
import { blockedWithCautionElsewhere } from '../../src/modules/screening/ruleset/paired-rules.ts';
import type { ScreeningRule } from '../../src/modules/screening/ruleset/rule-types.ts';
import { CATALOGUE_MASSAGE_TYPES, SCREENING_RULES } from '../../src/modules/screening/screening.ruleset.ts';

const SEEDED_SLUGS = STARTER_CATALOGUE.map((entry) => entry.slug);
// A type an admin adds later must fall on the caution side, never between the two rows.
const JUDGED_SLUGS = [...SEEDED_SLUGS, 'admin-added-type'];

/** The slugs covered by neither row or by both: empty exactly when the scopes are complementary. */
function overlapsAndGaps(blocked: ScreeningRule, caution: ScreeningRule): string[] {
  return JUDGED_SLUGS.filter(
    (slug) => scopeCovers(blocked.ruleScope, slug) === scopeCovers(caution.ruleScope, slug),
  );
}

const rule = (code: string): ScreeningRule => {
  const found = SCREENING_RULES.find((candidate) => candidate.code === code);
  if (!found) throw new Error(`no rule ${code}`);
  return found;
};

describe('complementOf', () => {
  it('turns only into all-except and back, keeping the names in order', () => {
    expect(complementOf(only('hot-stone', 'sports'))).toEqual(allExcept('hot-stone', 'sports'));
    expect(complementOf(allExcept('prenatal'))).toEqual(only('prenatal'));
  });

  it('covers every seeded slug and an admin-added one that the scope does not', () => {
    const scope = only('deep-tissue', 'shiatsu');
    for (const slug of JUDGED_SLUGS) {
      expect(scopeCovers(complementOf(scope), slug), slug).toBe(!scopeCovers(scope, slug));
    }
  });
});

describe('blockedWithCautionElsewhere', () => {
  const appliesWhen = () => true;
  const [blocked, caution] = blockedWithCautionElsewhere({
    condition: 'A condition',
    appliesWhen,
    severity: 'relative',
    sources: ['nccih'],
    blockedScope: only('hot-stone', 'sports'),
    blocked: {
      code: 'a-blocked',
      requiresClearance: true,
      suggests: ['swedish'],
      clientMessage: 'blocked message',
      therapistNote: 'blocked note',
    },
    cautionElsewhere: {
      code: 'a-caution',
      requiresClearance: false,
      clientMessage: 'caution message',
      therapistNote: 'caution note',
    },
  });

  it('puts the block first and the caution second', () => {
    expect([blocked.code, blocked.decision]).toEqual(['a-blocked', 'blocked']);
    expect([caution.code, caution.decision]).toEqual(['a-caution', 'caution']);
  });

  it('gives each seeded slug, and an admin-added one, exactly one of the two rows', () => {
    expect(overlapsAndGaps(blocked, caution)).toEqual([]);
    expect(JUDGED_SLUGS.filter((slug) => scopeCovers(blocked.ruleScope, slug))).toEqual(['hot-stone', 'sports']);
  });

  it('shares one predicate, condition, severity and sources between the rows', () => {
    for (const row of [blocked, caution]) {
      expect(row.appliesWhen).toBe(appliesWhen);
      expect([row.condition, row.severity, row.sources]).toEqual(['A condition', 'relative', ['nccih']]);
    }
  });

  it('keeps what each side is told, its clearance and its suggestions apart', () => {
    expect([blocked.clientMessage, blocked.therapistNote, blocked.requiresClearance]).toEqual([
      'blocked message',
      'blocked note',
      true,
    ]);
    expect([caution.clientMessage, caution.therapistNote, caution.requiresClearance]).toEqual([
      'caution message',
      'caution note',
      false,
    ]);
    expect(blocked.suggests).toEqual(['swedish']);
    expect(caution.suggests).toBeUndefined();
  });
});

describe('paired rows in the ruleset', () => {
  // Pinned, so turning a pair back into two hand-written rows (whose scopes can drift) fails here.
  const PAIRS: readonly [blocked: string, caution: string][] = [
    ['herniated-disc-acute-deep-work', 'herniated-disc-acute'],
    ['osteoporosis-severe-deep-work', 'osteoporosis-severe'],
    ['anticoagulants-deep-work', 'anticoagulants'],
    ['diabetes-neuropathy-hot-stone', 'diabetes-neuropathy'],
    ['heart-condition-hot-stone', 'heart-condition'],
  ];

  it('may name exactly the seeded catalogue', () => {
    expect([...CATALOGUE_MASSAGE_TYPES]).toEqual(SEEDED_SLUGS);
  });

  it.each(PAIRS)('gives every seeded slug exactly one of %s and %s', (blockedCode, cautionCode) => {
    const blocked = rule(blockedCode);
    const caution = rule(cautionCode);
    expect([blocked.decision, caution.decision]).toEqual(['blocked', 'caution']);
    expect(overlapsAndGaps(blocked, caution)).toEqual([]);
  });

  it.each(PAIRS)('judges %s and %s by one predicate', (blockedCode, cautionCode) => {
    expect(rule(blockedCode).appliesWhen).toBe(rule(cautionCode).appliesWhen);
    expect(rule(blockedCode).condition).toBe(rule(cautionCode).condition);
  });

  it('notices a pair whose block was widened without narrowing the caution', () => {
    const widened = {
      ...rule('herniated-disc-acute-deep-work'),
      ruleScope: only('deep-tissue', 'sports', 'shiatsu', 'swedish'),
    };
    expect(overlapsAndGaps(widened, rule('herniated-disc-acute'))).toEqual(['swedish']);
  });

  it.each([
    ['surgery-recent', 'surgery-recent-deep-tissue'],
    ['varicose-veins-severe', 'varicose-veins-severe-deep-tissue'],
  ])('judges the stacked caution %s and block %s by one predicate', (cautionCode, blockedCode) => {
    expect(rule(blockedCode).appliesWhen).toBe(rule(cautionCode).appliesWhen);
    expect(rule(blockedCode).condition).toBe(rule(cautionCode).condition);
  });
});
