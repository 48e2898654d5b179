import type { BodyRegion, ScreeningAnswers } from '../screening.answers.ts';
import type { CatalogueMassageType, RuleScope } from './massage-type-scope.ts';
import type { SourceId } from './sources.ts';

/**
 * ok: a note for the therapist; the type stays ok and the confirm needs nothing for it.
 * caution: bookable, but the therapist must acknowledge the flag on confirm (and confirm clearance if required).
 * blocked: not bookable.
 */
export const FLAG_DECISIONS = ['ok', 'caution', 'blocked'] as const;
export type FlagDecision = (typeof FLAG_DECISIONS)[number];
/** absolute: whole-body contraindication · local: avoid a region · relative: modify the treatment. */
export const SCREENING_SEVERITIES = ['absolute', 'local', 'relative'] as const;
export type ScreeningSeverity = (typeof SCREENING_SEVERITIES)[number];

/** Answers that carry the body region the client reported. */
export type RegionAnswer = 'fracture' | 'recentSurgery' | 'skin';
export type RegionsToAvoid =
  | { readonly kind: 'fixed'; readonly regions: readonly BodyRegion[] }
  | { readonly kind: 'from-answer'; readonly answer: RegionAnswer };

export type AnswersPredicate = (answers: ScreeningAnswers) => boolean;

interface ScreeningRuleFields {
  readonly code: string;
  /** Plain description of `appliesWhen`, used in the generated rules table. */
  readonly condition: string;
  readonly appliesWhen: AnswersPredicate;
  readonly ruleScope: RuleScope;
  readonly severity: ScreeningSeverity;
  readonly avoid?: RegionsToAvoid;
  /** Types to offer first when this row blocks one. */
  readonly suggests?: readonly CatalogueMassageType[];
  readonly clientMessage: string;
  readonly therapistNote: string;
  readonly sources: readonly [SourceId, ...SourceId[]];
}

/** When a row applies, stated once for rows that must agree on it. */
export type RuleCondition = Pick<ScreeningRuleFields, 'condition' | 'appliesWhen'>;

/**
 * A row either leaves the type ok and only tells the therapist something (an ok-level note, which can never
 * demand clearance: that would make it a caution), or cautions or blocks it.
 */
export type ScreeningRule = ScreeningRuleFields &
  (
    | { readonly decision: 'ok'; readonly requiresClearance: false }
    | { readonly decision: 'caution' | 'blocked'; readonly requiresClearance: boolean }
  );
