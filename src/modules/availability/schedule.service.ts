import { MS_PER_DAY, MINUTES_PER_DAY } from '../../lib/durations.ts';
import type { DependenciesOf } from '../../deps.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { recordAudit } from '../../lib/audit.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { decodeCursor, instantCursorSchema, keysetOrderBy, rowsAfter, toPage, type Page } from '../../lib/pagination.ts';
import { formatInstant } from '../../lib/time.ts';
import type { Principal } from '../../plugins/auth.ts';
import { findScheduleProblems, type WeeklyInterval } from './availability-schedule.rules.ts';
import { parseWallClock } from './availability-schedule.rules.ts';
import { toWeeklyInterval } from './availability.repository.ts';
import {
  MAX_TIME_OFF_DAYS,
  type CreateTimeOffInput,
  type ListTimeOffQuery,
  type ScheduleInput,
  type TimeOffView,
} from './availability.schemas.ts';
import { lockTherapistCalendar } from '../../db/row-locks.ts';
import { ACTIVE_STATUSES } from '../appointments/appointment-status.ts';
import { assertOwnProfile } from '../therapists/therapist-access.ts';
import { therapistNotFound } from './bookability.ts';

const TIME_OFF_ORDER = { key: 'startsAt' } as const;

function toTimeOffView(row: { id: string; startsAt: Date; endsAt: Date; reason: string | null }): TimeOffView {
  return { id: row.id, startsAt: formatInstant(row.startsAt), endsAt: formatInstant(row.endsAt), reason: row.reason };
}

/**
 * An end of 00:00 after a later start means midnight; stored as 1440, which reads back as '24:00'. The times are
 * validated first (findScheduleProblems).
 */
function toStoredMinutes(interval: { start: string; end: string }): { startMinute: number; endMinute: number } {
  const startMinute = parseWallClock(interval.start, false);
  const endMinute = parseWallClock(interval.end, true);
  if (startMinute === null || endMinute === null) {
    throw new RangeError(`Unvalidated hours ${interval.start}-${interval.end}`);
  }
  return { startMinute, endMinute: endMinute === 0 ? MINUTES_PER_DAY : endMinute };
}

export function createScheduleService(deps: DependenciesOf<'prisma' | 'clock'>) {
  const { prisma, clock } = deps;

  async function getSchedule(therapistId: string): Promise<ScheduleInput> {
    const profile = await prisma.therapistProfile.findUnique({
      where: { id: therapistId },
      select: {
        bufferMinutes: true,
        minNoticeMinutes: true,
        horizonDays: true,
        slotStepMinutes: true,
        weeklyHours: { orderBy: [{ weekday: 'asc' }, { startMinute: 'asc' }] },
      },
    });
    if (!profile) throw therapistNotFound();
    const { weeklyHours, ...policy } = profile;
    return { weekly: weeklyHours.map(toWeeklyInterval), ...policy };
  }

  /**
   * Replaces the weekly hours and the booking policy. Existing appointments stay as they are even when they now
   * fall outside the hours: moving or cancelling them is a decision for the therapist and the client.
   */
  async function putSchedule(actor: Principal, therapistId: string, input: ScheduleInput): Promise<ScheduleInput> {
    await prisma.$transaction(async (tx) => {
      await assertOwnProfile(tx, actor, therapistId);
      // The body schema already holds weekday to 1..7.
      const problems = findScheduleProblems(input.weekly as WeeklyInterval[]);
      if (problems.length > 0) {
        throw new ValidationError(
          'The weekly hours are invalid',
          problems.map((problem) => ({ path: `body.${problem.path}`, message: problem.message })),
        );
      }
      await lockTherapistCalendar(tx, therapistId);
      const { weekly, ...policy } = input;
      await tx.therapistProfile.update({ where: { id: therapistId }, data: policy });
      await tx.weeklyAvailability.deleteMany({ where: { therapistId } });
      await tx.weeklyAvailability.createMany({
        data: weekly.map((interval) => ({ therapistId, weekday: interval.weekday, ...toStoredMinutes(interval) })),
      });
      await recordAudit(tx, {
        actorId: actor.userId,
        at: clock.now(),
        action: 'schedule.updated',
        entityType: 'TherapistProfile',
        entityId: therapistId,
        data: { intervals: weekly.length, ...policy },
      });
    });
    return getSchedule(therapistId);
  }

  /**
   * Time off may not hide a booked session: a 409 lists the active appointments it overlaps, so the therapist
   * cancels them explicitly (and the clients are told) before blocking the time.
   */
  async function createTimeOff(actor: Principal, therapistId: string, input: CreateTimeOffInput): Promise<TimeOffView> {
    if (input.endsAt.getTime() <= input.startsAt.getTime()) {
      throw new ValidationError('Time off must end after it starts', [{ path: 'body.endsAt', message: 'must be after startsAt' }]);
    }
    if (input.endsAt.getTime() - input.startsAt.getTime() > MAX_TIME_OFF_DAYS * MS_PER_DAY) {
      throw new ValidationError('Time off is too long', [
        { path: 'body.endsAt', message: `must be at most ${MAX_TIME_OFF_DAYS} days after startsAt` },
      ]);
    }
    const created = await prisma.$transaction(async (tx) => {
      await assertOwnProfile(tx, actor, therapistId);
      await lockTherapistCalendar(tx, therapistId);
      const conflicts = await tx.appointment.findMany({
        where: {
          therapistId,
          status: { in: [...ACTIVE_STATUSES] },
          startsAt: { lt: input.endsAt },
          endsAt: { gt: input.startsAt },
        },
        orderBy: { startsAt: 'asc' },
        select: { id: true },
      });
      if (conflicts.length > 0) {
        throw new ConflictError(
          'time-off-overlaps-appointments',
          `The time off overlaps ${conflicts.length} booked appointment(s); cancel them first`,
          { appointmentIds: conflicts.map((conflict) => conflict.id) },
        );
      }
      const timeOff = await tx.timeOff.create({
        data: { therapistId, startsAt: input.startsAt, endsAt: input.endsAt, reason: input.reason ?? null },
      });
      await recordAudit(tx, {
        actorId: actor.userId,
        at: clock.now(),
        action: 'time-off.created',
        entityType: 'TimeOff',
        entityId: timeOff.id,
        data: { therapistId, startsAt: timeOff.startsAt.toISOString(), endsAt: timeOff.endsAt.toISOString() },
      });
      return timeOff;
    });
    return toTimeOffView(created);
  }

  async function deleteTimeOff(actor: Principal, therapistId: string, timeOffId: string): Promise<void> {
    await prisma.$transaction(async (tx) => {
      await assertOwnProfile(tx, actor, therapistId);
      const deleted = await tx.timeOff.deleteMany({ where: { id: timeOffId, therapistId } });
      if (deleted.count === 0) throw new NotFoundError('The time off', 'time-off-not-found');
      await recordAudit(tx, {
        actorId: actor.userId,
        at: clock.now(),
        action: 'time-off.deleted',
        entityType: 'TimeOff',
        entityId: timeOffId,
        data: { therapistId },
      });
    });
  }

  /** The therapist's own time off, by start; by default what has not ended yet. Reasons are private. */
  async function listTimeOff(actor: Principal, therapistId: string, query: ListTimeOffQuery): Promise<Page<TimeOffView>> {
    await assertOwnProfile(prisma, actor, therapistId);
    const after = decodeCursor(query.cursor, instantCursorSchema);
    const from = query.from ?? clock.now();
    const rows = await prisma.timeOff.findMany({
      where: {
        therapistId,
        endsAt: { gt: from },
        ...(query.to ? { startsAt: { lt: query.to } } : {}),
        ...rowsAfter<Prisma.TimeOffWhereInput>(TIME_OFF_ORDER, after),
      },
      orderBy: keysetOrderBy(TIME_OFF_ORDER),
      take: query.limit + 1,
    });
    return toPage(rows, query.limit, (row) => ({ key: row.startsAt.toISOString(), tie: row.id }), toTimeOffView);
  }

  return { getSchedule, putSchedule, createTimeOff, deleteTimeOff, listTimeOff };
}
