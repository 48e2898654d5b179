import type { CatalogueMassageType, NamedTypesScope } from './massage-type-scope.ts';
import { complementOf } from './massage-type-scope.ts';
import type { RuleCondition, ScreeningRule, ScreeningSeverity } from './rule-types.ts';
import type { SourceId } from './sources.ts';

/** What differs between the two halves of a pair: what each side is told, and whether it needs clearance. */
interface PairHalf {
  readonly code: string;
  readonly requiresClearance: boolean;
  readonly clientMessage: string;
  readonly therapistNote: string;
}

export interface BlockedWithCautionElsewhere extends RuleCondition {
  readonly severity: ScreeningSeverity;
  readonly sources: readonly [SourceId, ...SourceId[]];
  /** The types the condition rules out. Every other type, admin-added ones included, gets the caution. */
  readonly blockedScope: NamedTypesScope;
  readonly blocked: PairHalf & { readonly suggests?: readonly CatalogueMassageType[] };
  readonly cautionElsewhere: PairHalf;
}

/**
 * A condition that rules some types out and asks care with all the others, as two rows built from one
 * predicate and one scope. Written as two hand-made rows, an edit to one scope (a type added to the block but
 * not removed from the caution, or dropped from both) would leave a type with two flags or none; here the
 * caution's scope is the block's complement by construction. The blocked row comes first, as in the README.
 */
export function blockedWithCautionElsewhere(
  pair: BlockedWithCautionElsewhere,
): readonly [ScreeningRule, ScreeningRule] {
  const shared = {
    condition: pair.condition,
    appliesWhen: pair.appliesWhen,
    severity: pair.severity,
    sources: pair.sources,
  };
  return [
    { ...shared, ...pair.blocked, ruleScope: pair.blockedScope, decision: 'blocked' },
    { ...shared, ...pair.cautionElsewhere, ruleScope: complementOf(pair.blockedScope), decision: 'caution' },
  ];
}
