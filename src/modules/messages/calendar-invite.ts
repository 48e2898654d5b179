// The iTIP (RFC 5546) invitation or cancellation that rides along with a confirmation, reschedule or cancel
// message, so the appointment lands in (or leaves) the recipient's own calendar.
//
// Why these choices:
// - One stable UID per appointment and a SEQUENCE that grows with each change: calendar clients match REQUEST and
//   CANCEL messages to the event they already hold by UID, and apply one only if its SEQUENCE is not older.
// - Instants are written in UTC (DTSTART:20261203T090000Z). Measured with ical-generator 10: given a plain Date
//   and a calendar `timezone: 'Europe/Berlin'`, it writes the server's local wall-clock time with no zone at all
//   (10:00 Berlin = 09:00Z came out as DTSTART:20261203T090000 on a UTC server, ...T040000 under
//   America/New_York). With no timezone it writes the instant itself with a Z, which every client shows in the
//   reader's own zone; the message body names the zone in words.
// - DTSTAMP is when this iTIP message was made (RFC 5545 3.8.7.2), passed in so the output is reproducible.
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

export interface CalendarPerson {
  name: string;
  email: string;
}

export interface CalendarInviteInput {
  method: 'REQUEST' | 'CANCEL';
  /** Stable across every message about the same appointment, e.g. `appointment-<id>@<host>`. */
  uid: string;
  /** 0 for the first invite, +1 each time the time moves; a CANCEL carries the latest value. */
  sequence: number;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  organizer: CalendarPerson;
  attendee: CalendarPerson;
  /** When this invite was made; the current time when left out. */
  stampedAt?: Date;
}

const PRODUCT_ID = { company: 'kneadful', product: 'booking', language: 'EN' } as const;

export function buildCalendarInvite(input: CalendarInviteInput): string {
  if (!Number.isInteger(input.sequence) || input.sequence < 0) {
    throw new RangeError(`sequence must be a whole number from 0, got ${input.sequence}`);
  }
  if (!(input.endsAt.getTime() > input.startsAt.getTime())) {
    throw new RangeError('endsAt must be after startsAt');
  }
  const cancelling = input.method === 'CANCEL';
  const calendar = ical({
    prodId: PRODUCT_ID,
    method: cancelling ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  calendar.createEvent({
    id: input.uid,
    sequence: input.sequence,
    stamp: input.stampedAt ?? new Date(),
    start: input.startsAt,
    end: input.endsAt,
    summary: input.summary,
    description: input.description ?? null,
    location: input.location ?? null,
    url: input.url ?? null,
    organizer: { name: input.organizer.name, email: input.organizer.email },
    attendees: [
      {
        name: input.attendee.name,
        email: input.attendee.email,
        role: ICalAttendeeRole.REQ,
        // The booking is already agreed in the service: the calendar entry is a copy, not a question to answer.
        status: ICalAttendeeStatus.ACCEPTED,
        rsvp: false,
      },
    ],
    status: cancelling ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return calendar.toString();
}
