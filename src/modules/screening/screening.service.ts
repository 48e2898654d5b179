import type { DependenciesOf } from '../../deps.ts';
import type { Prisma, Screening } from '../../generated/prisma/client.ts';
import { recordAudit } from '../../lib/audit.ts';
import { MS_PER_DAY } from '../../lib/durations.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { decodeCursor, instantCursorSchema, toPage, type Page, type PageQuery } from '../../lib/pagination.ts';
import { formatInstant } from '../../lib/time.ts';
import type { Principal } from '../../plugins/auth.ts';
import type { AppointmentStatus } from '../appointments/appointment-status.ts';
import { screeningAnswersSchema, type ScreeningAnswers } from './screening.answers.ts';
import { SCREENING_DISCLAIMER, SCREENING_RULESET_VERSION } from './screening.ruleset.ts';
import { evaluateScreening, isScreeningExpired, screeningExpiresAt } from './screening.rules.ts';
import {
  catalogueSlugs,
  findOwnScreening,
  findScreeningForTherapist,
  insertScreening,
  listClientScreenings,
} from './screening.repository.ts';
import {
  screeningOutcomesSchema,
  type CreatedScreeningView,
  type ScreeningDetailView,
  type ScreeningOutcomeView,
  type ScreeningPreviewView,
  type ScreeningSummaryView,
} from './screening.schemas.ts';

/** The audit action written for every therapist read of a client's answers. */
export const SCREENING_READ_ACTION = 'screening.read';


type StoredSummary = Pick<Screening, 'id' | 'createdAt' | 'expiresAt' | 'rulesetVersion' | 'outcomes'>;

function toSummaryView(row: StoredSummary, now: Date): ScreeningSummaryView {
  return {
    id: row.id,
    createdAt: formatInstant(row.createdAt),
    expiresAt: formatInstant(row.expiresAt),
    expired: isScreeningExpired(row.expiresAt, now),
    rulesetVersion: row.rulesetVersion,
    // Stored JSON is checked on the way out, so a malformed row fails loudly instead of reaching a client.
    outcomes: screeningOutcomesSchema.parse(row.outcomes),
  };
}

function toDetailView(row: Screening, now: Date): ScreeningDetailView {
  return {
    ...toSummaryView(row, now),
    disclaimer: SCREENING_DISCLAIMER,
    answers: screeningAnswersSchema.parse(row.answers),
  };
}

/**
 * Appointments through which their therapist may read the screening: one still ahead (PENDING, CONFIRMED) or one
 * that took place (COMPLETED), until SCREENING_RECORDS_DAYS after it ended. Never a CANCELLED one: the client
 * shared their health for a treatment that is no longer going to happen. Nor a NO_SHOW: no treatment took place
 * either, so there is nothing the answers need to inform; a rebooking links the screening again.
 */
const THERAPIST_READABLE_STATUSES = ['PENDING', 'CONFIRMED', 'COMPLETED'] as const satisfies readonly AppointmentStatus[];

const screeningNotFound = () => new NotFoundError('The screening', 'screening-not-found');

export function createScreeningService(deps: DependenciesOf<'prisma' | 'clock', 'SCREENING_RECORDS_DAYS'>) {
  const { prisma, clock, config } = deps;

  async function judge(answers: ScreeningAnswers): Promise<ScreeningOutcomeView[]> {
    return evaluateScreening(answers, await catalogueSlugs(prisma));
  }

  /** Outcomes for answers nobody has to log in for; nothing is stored. */
  async function preview(answers: ScreeningAnswers): Promise<ScreeningPreviewView> {
    return { rulesetVersion: SCREENING_RULESET_VERSION, disclaimer: SCREENING_DISCLAIMER, outcomes: await judge(answers) };
  }

  async function create(client: Principal, answers: ScreeningAnswers): Promise<CreatedScreeningView> {
    const now = clock.now();
    const outcomes = await judge(answers);
    // The answers are stored as parsed (defaults filled in), so a later read or booking check sees what was judged.
    const data: Prisma.ScreeningUncheckedCreateInput = {
      clientId: client.userId,
      answers,
      outcomes,
      rulesetVersion: SCREENING_RULESET_VERSION,
      createdAt: now,
      expiresAt: screeningExpiresAt(now),
    };
    const screening = await insertScreening(prisma, data);
    return { ...toSummaryView(screening, now), disclaimer: SCREENING_DISCLAIMER };
  }

  /**
   * The answers, for their owner or for the therapist of an appointment that uses the screening and still gives a
   * reason to read it (THERAPIST_READABLE_STATUSES, within the records period); anyone else (admins included, and
   * the therapist of a cancelled booking) gets the same 404 as for an unknown id. A therapist's read and its audit entry share one
   * transaction, so no read happens without its record.
   */
  async function get(principal: Principal, id: string): Promise<ScreeningDetailView> {
    const now = clock.now();
    if (principal.role === 'client') {
      const screening = await findOwnScreening(prisma, id, principal.userId);
      if (!screening) throw screeningNotFound();
      return toDetailView(screening, now);
    }
    const therapistId = principal.therapistId;
    if (principal.role !== 'therapist' || therapistId === null) throw screeningNotFound();
    const screening = await prisma.$transaction(async (tx) => {
      const found = await findScreeningForTherapist(tx, id, therapistId, {
        statuses: THERAPIST_READABLE_STATUSES,
        endedSince: new Date(now.getTime() - config.SCREENING_RECORDS_DAYS * MS_PER_DAY),
      });
      if (!found) throw screeningNotFound();
      await recordAudit(tx, {
        actorId: principal.userId,
        at: now,
        action: SCREENING_READ_ACTION,
        entityType: 'Screening',
        entityId: found.screening.id,
        data: { appointmentId: found.appointmentId },
      });
      return found.screening;
    });
    return toDetailView(screening, now);
  }

  /** The caller's own screenings, newest first, without answers: enough to pick one when booking. */
  async function list(client: Principal, query: PageQuery): Promise<Page<ScreeningSummaryView>> {
    const now = clock.now();
    const after = decodeCursor(query.cursor, instantCursorSchema);
    const rows = await listClientScreenings(prisma, client.userId, after, query.limit + 1);
    return toPage(
      rows,
      query.limit,
      (row) => ({ key: row.createdAt.toISOString(), tie: row.id }),
      (row) => toSummaryView(row, now),
    );
  }

  return { preview, create, get, list };
}
