/**
 * Which massage types a rule covers, and every question asked of that answer: does it cover a type, what is its
 * complement, how does the README describe it. Rules state their scope only through this file, so the later move
 * from slugs to massage-type properties (pressure, heat, oils) changes this file and the scopes the rows pass in,
 * not the evaluator.
 */

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
 * `all` and `all-except` also cover types an admin adds later, so a new type is never silently exempt from a
 * systemic rule; `only` covers just the named catalogue types.
 */
export type RuleScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'only'; readonly massageTypes: readonly CatalogueMassageType[] }
  | { readonly kind: 'all-except'; readonly massageTypes: readonly CatalogueMassageType[] };
/** A scope that names types, and so has a complement that is itself a scope. */
export type NamedTypesScope = Extract<RuleScope, { readonly massageTypes: unknown }>;

export const ALL_TYPES: RuleScope = { kind: 'all' };
export const only = (...massageTypes: CatalogueMassageType[]): NamedTypesScope => ({ kind: 'only', massageTypes });
export const allExcept = (...massageTypes: CatalogueMassageType[]): NamedTypesScope => ({
  kind: 'all-except',
  massageTypes,
});

/**
 * Types whose sustained deep or point pressure is what several conditions rule out. Today these are exactly the
 * catalogue's firm-pressure types; the property rework will say so instead of listing slugs.
 */
export const DEEP_PRESSURE_TYPES: readonly CatalogueMassageType[] = ['deep-tissue', 'sports', 'shiatsu'];

/**
 * Every type the scope does not cover, admin-added types included: `only(a, b)` ↔ `allExcept(a, b)`. The names
 * keep their order, so the README describes both halves of a pair with the same list.
 */
export function complementOf(scope: NamedTypesScope): NamedTypesScope {
  return { kind: scope.kind === 'only' ? 'all-except' : 'only', massageTypes: scope.massageTypes };
}

export function scopeCovers(scope: RuleScope, massageType: string): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'only':
      return namesType(scope.massageTypes, massageType);
    case 'all-except':
      return !namesType(scope.massageTypes, massageType);
  }
}

/** The scope as the README's rules table states it. */
export function describeScope(scope: RuleScope): string {
  switch (scope.kind) {
    case 'all':
      return 'all types';
    case 'only':
      return scope.massageTypes.join(', ');
    case 'all-except':
      return `all types except ${scope.massageTypes.join(', ')}`;
  }
}

function namesType(named: readonly string[], massageType: string): boolean {
  return named.includes(massageType);
}
