// Whether a planned message still applies when its time comes, judged from the rows as they are then: a
// cancelled booking gets no reminder, a moved one no reminder for its old time, a user who turned reminders off
// none at all. Pure, so each case is a unit test.
import { parseLeadTimes } from '../../config.ts';
import { MS_PER_DAY, MS_PER_MINUTE } from '../../lib/durations.ts';
import type { AppointmentStatus } from '../appointments/appointment-status.ts';
import type { MessageKind } from './message-plan.rules.ts';

export interface AppointmentFacts {
  status: AppointmentStatus;
  startsAt: Date;
  reviewed: boolean;
  recipientWantsReminders: boolean;
}

export interface PlannedFacts {
  kind: MessageKind;
  variant: string;
  sendAt: Date;
}

export type SkipReason =
  | 'no-longer-pending'
  | 'no-longer-confirmed'
  | 'cancelled'
  | 'not-upcoming'
  | 'moved'
  | 'reminders-off'
  | 'already-reviewed'
  | 'subject-gone';

export interface CertificateFacts {
  status: 'PENDING' | 'VERIFIED' | 'REJECTED' | 'EXPIRED';
  /** Midnight UTC of the expiry date. */
  expiresOn: Date;
}

/**
 * A certificate's messages: a decision always goes; an expiry warning only while the certificate is verified and
 * still ends on the date the warning was planned for (a renewal or correction moves it).
 */
export function certificateMessageSkip(planned: PlannedFacts, facts: CertificateFacts | null): SkipReason | null {
  if (!facts) return 'subject-gone';
  if (planned.kind !== 'certification-expiring') return null;
  if (facts.status !== 'VERIFIED') return 'not-upcoming';
  const days = Number.parseInt(planned.variant, 10);
  return planned.sendAt.getTime() + days * MS_PER_DAY === facts.expiresOn.getTime() ? null : 'moved';
}

/** Null when the message should go; otherwise why not. */
export function appointmentMessageSkip(planned: PlannedFacts, facts: AppointmentFacts | null): SkipReason | null {
  if (!facts) return 'subject-gone';
  switch (planned.kind) {
    case 'appointment-requested':
      return facts.status === 'PENDING' ? null : 'no-longer-pending';
    case 'appointment-confirmed':
      return facts.status === 'CONFIRMED' ? null : 'no-longer-confirmed';
    case 'appointment-rescheduled':
      return facts.status === 'CANCELLED' ? 'cancelled' : null;
    case 'appointment-cancelled':
      return null;
    case 'appointment-reminder': {
      if (facts.status !== 'PENDING' && facts.status !== 'CONFIRMED') return 'not-upcoming';
      // A reminder belongs to the start it was planned for: its due time plus its lead.
      const lead = parseLeadTimes(planned.variant)?.[0];
      if (!lead || planned.sendAt.getTime() + lead.minutes * MS_PER_MINUTE !== facts.startsAt.getTime()) return 'moved';
      return facts.recipientWantsReminders ? null : 'reminders-off';
    }
    case 'review-invitation':
      if (facts.status !== 'COMPLETED') return 'not-upcoming';
      return facts.reviewed ? 'already-reviewed' : null;
    default:
      return null;
  }
}
