import { MS_PER_DAY } from '../../lib/durations.ts';
import { MAX_PREGNANCY_WEEKS } from './screening.answers.ts';
import type { BodyRegion, ScreeningAnswers } from './screening.answers.ts';
import {
  SCREENING_DISCLAIMER,
  SCREENING_RULES,
  SCREENING_RULESET_VERSION,
  SCREENING_SOURCES,
} from './screening.ruleset.ts';
import type { FlagDecision, RegionsToAvoid, ScreeningRule, ScreeningSeverity } from './screening.ruleset.ts';
import { describeScope, scopeCovers } from './ruleset/massage-type-scope.ts';

/**
 * Pure evaluation of the health screen: answers in, one outcome per massage type out.
 * No clock, no I/O; the clinical content lives in ./ruleset/, assembled in screening.ruleset.ts.
 */

export type { FlagDecision, ScreeningSeverity } from './screening.ruleset.ts';

/** How long a completed screen may be used for bookings before the client answers again. */
export const SCREENING_VALIDITY_DAYS = 30;

const MS_PER_WEEK = 7 * MS_PER_DAY;

/**
 * When a screen completed at `createdAt` stops being usable: 30 × 24 hours of elapsed time, not 30 calendar
 * days, so across a DST change the expiry lands an hour off the creation's wall-clock time.
 */
export function screeningExpiresAt(createdAt: Date): Date {
  return new Date(createdAt.getTime() + SCREENING_VALIDITY_DAYS * MS_PER_DAY);
}

/**
 * Whether a screen that expires at `expiresAt` is expired at `now`: from the instant itself. The list's
 * `expired` flag and the booking check both ask this, so a screening shown as usable is never refused as
 * expired a moment later (and the reverse).
 */
export function isScreeningExpired(expiresAt: Date, now: Date): boolean {
  return expiresAt.getTime() <= now.getTime();
}

/** A type's decision: the strictest of its flags' decisions, ok without flags. */
export type ScreeningDecision = FlagDecision;

export interface ScreeningFlag {
  code: string;
  severity: ScreeningSeverity;
  decision: FlagDecision;
  clientMessage: string;
  therapistNote: string;
  avoidRegions: BodyRegion[];
  requiresClearance: boolean;
  /** Full citation(s) of the rule's sources, joined with "; ". */
  source: string;
}

export interface ScreeningOutcome {
  massageType: string;
  decision: ScreeningDecision;
  flags: ScreeningFlag[];
  /** Only for blocked types: bookable types to offer instead, in catalogue order. */
  alternatives: string[];
}

const DECISION_RANK: Record<ScreeningDecision, number> = { ok: 0, caution: 1, blocked: 2 };

/**
 * Judges every massage type in `massageTypeSlugs` (the practice's catalogue, in display
 * order) against the answers. Expects answers parsed by `screeningAnswersSchema`.
 */
export function evaluateScreening(
  answers: ScreeningAnswers,
  massageTypeSlugs: readonly string[],
): ScreeningOutcome[] {
  const catalogue = [...new Set(massageTypeSlugs)];
  const matchingRules = SCREENING_RULES.filter((rule) => rule.appliesWhen(answers));

  const judged = catalogue.map((massageType) => {
    const rules = matchingRules.filter((rule) => scopeCovers(rule.ruleScope, massageType));
    const flags = rules.map((rule) => toFlag(rule, answers));
    return { massageType, rules, flags, decision: worstDecision(flags) };
  });

  const bookable = judged
    .filter((outcome) => outcome.decision !== 'blocked')
    .map((outcome) => outcome.massageType);

  return judged.map(({ massageType, rules, flags, decision }) => ({
    massageType,
    decision,
    flags,
    alternatives: decision === 'blocked' ? alternativesFor(rules, bookable) : [],
  }));
}

/**
 * Whether the therapist must acknowledge `flags` when confirming: any flag stricter than an ok-level note.
 * Booking only ever keeps ok and caution flags (a blocked flag blocks the type).
 */
export function requiresAcknowledgement(flags: readonly Pick<ScreeningFlag, 'decision'>[]): boolean {
  return flags.some((flag) => flag.decision !== 'ok');
}

/** Whether the therapist must confirm medical clearance for `flags`. */
export function requiresClearance(flags: readonly Pick<ScreeningFlag, 'requiresClearance'>[]): boolean {
  return flags.some((flag) => flag.requiresClearance);
}

export function outcomeFor(
  outcomes: readonly ScreeningOutcome[],
  massageTypeSlug: string,
): ScreeningOutcome | undefined {
  return outcomes.find((outcome) => outcome.massageType === massageTypeSlug);
}

/**
 * The answers as they will be on the appointment day: pregnancy weeks move on by the
 * whole weeks elapsed since screening, so a client screened at 12 weeks who books three
 * weeks out is judged at 15. Other answers are left alone (they are the client's word on
 * the screening day). Never moves weeks backwards, and stays within the schema's range.
 */
export function advancePregnancy(
  answers: ScreeningAnswers,
  screenedAt: Date,
  appointmentAt: Date,
): ScreeningAnswers {
  const elapsedMs = appointmentAt.getTime() - screenedAt.getTime();
  if (Number.isNaN(elapsedMs)) {
    throw new RangeError('advancePregnancy needs valid screening and appointment dates');
  }
  const pregnancy = answers.pregnancy;
  if (pregnancy?.pregnant !== true || pregnancy.weeks === undefined) return answers;

  // Elapsed time rather than calendar days: across a DST change this can count one week
  // fewer near the boundary, which errs towards the more cautious earlier-week rules.
  const weeksElapsed = Math.max(0, Math.floor(elapsedMs / MS_PER_WEEK));
  if (weeksElapsed === 0) return answers;

  return {
    ...answers,
    pregnancy: { ...pregnancy, weeks: Math.min(MAX_PREGNANCY_WEEKS, pregnancy.weeks + weeksElapsed) },
  };
}

/**
 * The "## Health screen" section for the README, generated from the rule data so the
 * documentation cannot drift from what the code decides.
 */
export function renderRulesMarkdown(): string {
  const ruleRows = SCREENING_RULES.map((rule) =>
    markdownRow([
      `\`${rule.code}\``,
      rule.condition,
      describeScope(rule.ruleScope),
      `${describeDecision(rule)} (${rule.severity})${describeAvoid(rule.avoid)}`,
      rule.requiresClearance ? 'yes' : 'no',
      rule.sources.map((id) => `\`${id}\``).join(', '),
    ]),
  );
  const sourceItems = Object.entries(SCREENING_SOURCES).map(
    ([id, citation]) => `- \`${id}\`: ${citation}`,
  );

  return [
    '## Health screen',
    '',
    `> ${SCREENING_DISCLAIMER}`,
    '',
    'Before booking, a client answers a short health questionnaire. For every massage type the screen ' +
      'returns **ok**, **caution** (bookable with modifications the therapist sees, sometimes after medical ' +
      'clearance) or **blocked** (not bookable; the client is told what to do instead and offered the ' +
      "types that remain bookable). A type's decision is the strictest of the rules that apply to it. " +
      'A rule whose decision is **ok** is a note for the therapist (for example how to position a pregnant ' +
      'client): it is shown on the appointment but leaves the type ok, so confirming needs no ' +
      '`acknowledgeFlags`; a **caution** flag must be acknowledged on confirm, and one that requires ' +
      'clearance also needs `clearanceConfirmed`. ' +
      'Rules scoped to "all types" also cover massage types added by an admin. Severity: *absolute* is a ' +
      'whole-body contraindication, *local* means avoiding a region, *relative* means modifying the treatment.',
    '',
    `Ruleset version \`${SCREENING_RULESET_VERSION}\`. A completed screen is valid for ` +
      `${SCREENING_VALIDITY_DAYS} days; pregnancy weeks are advanced to the appointment date.`,
    '',
    markdownRow(['Code', 'Condition', 'Scope', 'Decision', 'Clearance', 'Source']),
    markdownRow(['---', '---', '---', '---', '---', '---']),
    ...ruleRows,
    '',
    '### Sources',
    '',
    ...sourceItems,
    '',
  ].join('\n');
}

function toFlag(rule: ScreeningRule, answers: ScreeningAnswers): ScreeningFlag {
  return {
    code: rule.code,
    severity: rule.severity,
    decision: rule.decision,
    clientMessage: rule.clientMessage,
    therapistNote: rule.therapistNote,
    avoidRegions: regionsToAvoid(rule.avoid, answers),
    requiresClearance: rule.requiresClearance,
    source: rule.sources.map((id) => SCREENING_SOURCES[id]).join('; '),
  };
}

function regionsToAvoid(avoid: RegionsToAvoid | undefined, answers: ScreeningAnswers): BodyRegion[] {
  if (avoid === undefined) return [];
  if (avoid.kind === 'fixed') return [...avoid.regions];
  const region = answers[avoid.answer]?.region;
  // A wound may be reported without a region; the therapist note says to ask.
  return region === undefined ? [] : [region];
}

function worstDecision(flags: readonly ScreeningFlag[]): ScreeningDecision {
  return flags.reduce<ScreeningDecision>(
    (worst, flag) => (DECISION_RANK[flag.decision] > DECISION_RANK[worst] ? flag.decision : worst),
    'ok',
  );
}

/**
 * What to offer instead of a blocked type: the bookable types its blocking rules
 * suggest (pregnancy suggests prenatal); if none of those is bookable, every bookable
 * type. Both lists keep catalogue order.
 */
function alternativesFor(rules: readonly ScreeningRule[], bookable: readonly string[]): string[] {
  const suggested = new Set<string>(
    rules.filter((rule) => rule.decision === 'blocked').flatMap((rule) => rule.suggests ?? []),
  );
  const bookableSuggestions = bookable.filter((massageType) => suggested.has(massageType));
  return bookableSuggestions.length > 0 ? bookableSuggestions : [...bookable];
}

function describeDecision(rule: ScreeningRule): string {
  return rule.decision === 'ok' ? 'ok, note for the therapist' : rule.decision;
}

function describeAvoid(avoid: RegionsToAvoid | undefined): string {
  if (avoid === undefined) return '';
  const where = avoid.kind === 'fixed' ? avoid.regions.join(', ') : 'the reported region';
  return `; avoid ${where}`;
}

function markdownRow(cells: readonly string[]): string {
  const escaped = cells.map((cell) => cell.replaceAll('|', '\\|').replaceAll('\n', ' '));
  return `| ${escaped.join(' | ')} |`;
}
