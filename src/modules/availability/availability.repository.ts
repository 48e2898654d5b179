// Loads what the slot engine needs about one therapist, from the database, as plain data.
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import type { Range } from '../../lib/time-ranges.ts';
import type { IsoWeekday, SchedulePolicy, WeeklyInterval } from './availability.rules.ts';

type Db = PrismaClient | Prisma.TransactionClient;

const MINUTES_PER_DAY = 24 * 60;

const pad = (value: number) => String(value).padStart(2, '0');

/** 540 → '09:00'; 1440 → '24:00' (midnight at the end of the day). */
export function minuteToWallClock(minute: number): string {
  return `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
}

/** '09:00' → 540, '24:00' → 1440. Callers validate the format first (findScheduleProblems). */
export function wallClockToMinute(value: string): number {
  const [hours, minutes] = value.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

export function toWeeklyInterval(row: { weekday: number; startMinute: number; endMinute: number }): WeeklyInterval {
  return {
    weekday: row.weekday as IsoWeekday,
    start: minuteToWallClock(row.startMinute),
    end: minuteToWallClock(row.endMinute === 0 ? MINUTES_PER_DAY : row.endMinute),
  };
}

export interface TherapistCalendar {
  therapistId: string;
  timeZone: string;
  policy: SchedulePolicy;
  weekly: WeeklyInterval[];
  timeOff: Range[];
  /** Non-cancelled appointments as [startsAt, blockedUntil): each already carries its trailing buffer. */
  busy: Range[];
}

/**
 * The therapist's hours, policy, time off and busy spans that can matter inside `window`.
 * `excludeAppointmentId` leaves one appointment out (rescheduling moves it, so it must not block itself).
 * Returns null when the therapist does not exist.
 */
export async function loadTherapistCalendar(
  db: Db,
  therapistId: string,
  window: Range,
  options: { excludeAppointmentId?: string } = {},
): Promise<TherapistCalendar | null> {
  const from = new Date(window.start);
  const to = new Date(window.end);
  const profile = await db.therapistProfile.findUnique({
    where: { id: therapistId },
    select: {
      id: true,
      timeZone: true,
      bufferMinutes: true,
      minNoticeMinutes: true,
      horizonDays: true,
      slotStepMinutes: true,
      weeklyHours: { select: { weekday: true, startMinute: true, endMinute: true } },
      timeOff: { where: { startsAt: { lt: to }, endsAt: { gt: from } }, select: { startsAt: true, endsAt: true } },
      appointments: {
        where: {
          status: { not: 'CANCELLED' },
          startsAt: { lt: to },
          blockedUntil: { gt: from },
          ...(options.excludeAppointmentId ? { id: { not: options.excludeAppointmentId } } : {}),
        },
        select: { startsAt: true, blockedUntil: true },
      },
    },
  });
  if (!profile) return null;
  return {
    therapistId: profile.id,
    timeZone: profile.timeZone,
    policy: {
      bufferMinutes: profile.bufferMinutes,
      minNoticeMinutes: profile.minNoticeMinutes,
      horizonDays: profile.horizonDays,
      slotStepMinutes: profile.slotStepMinutes,
    },
    weekly: profile.weeklyHours.map(toWeeklyInterval),
    timeOff: profile.timeOff.map((off) => ({ start: off.startsAt.getTime(), end: off.endsAt.getTime() })),
    busy: profile.appointments.map((appointment) => ({
      start: appointment.startsAt.getTime(),
      end: appointment.blockedUntil.getTime(),
    })),
  };
}
