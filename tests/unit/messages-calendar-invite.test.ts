// The invite is read back with ical.js, an independent parser, so these tests check what a calendar client would
// see rather than the strings we hoped to write. Each runs under two process zones: the output must not depend on
// the server's TZ (ical-generator writes local time when handed a Date and a calendar timezone).
import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import { buildCalendarInvite, type CalendarInviteInput } from '../../src/modules/messages/calendar-invite.ts';

const base: CalendarInviteInput = {
  method: 'REQUEST',
  uid: 'appointment-a1b2@kneadful.test',
  sequence: 0,
  // Thursday 3 December 2026, 10:00–11:00 in Berlin (UTC+1 in winter).
  startsAt: new Date('2026-12-03T09:00:00.000Z'),
  endsAt: new Date('2026-12-03T10:00:00.000Z'),
  summary: 'Deep tissue, 60 min; with Ana Lee',
  description: 'Manage this booking: https://book.example/appointments/a1b2',
  location: 'Praxis Lee, Room 2',
  url: 'https://book.example/appointments/a1b2',
  organizer: { name: 'Ana Lee', email: 'no-reply@practice.example' },
  attendee: { name: 'Bo Client', email: 'bo@example.test' },
  stampedAt: new Date('2026-11-20T08:30:00.000Z'),
};

interface ParsedInvite {
  method: unknown;
  uid: unknown;
  sequence: unknown;
  start: string;
  end: string;
  startIsUtc: boolean;
  stamp: string;
  status: unknown;
  summary: unknown;
  attendee: unknown;
  organizer: unknown;
  eventCount: number;
}

function parseInvite(text: string): ParsedInvite {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent');
  const event = events[0]!;
  const time = (name: string) => event.getFirstPropertyValue(name) as ICAL.Time;
  return {
    method: calendar.getFirstPropertyValue('method'),
    uid: event.getFirstPropertyValue('uid'),
    sequence: event.getFirstPropertyValue('sequence'),
    start: time('dtstart').toJSDate().toISOString(),
    end: time('dtend').toJSDate().toISOString(),
    startIsUtc: time('dtstart').zone === ICAL.Timezone.utcTimezone,
    stamp: time('dtstamp').toJSDate().toISOString(),
    status: event.getFirstPropertyValue('status'),
    summary: event.getFirstPropertyValue('summary'),
    attendee: event.getFirstPropertyValue('attendee'),
    organizer: event.getFirstPropertyValue('organizer'),
    eventCount: events.length,
  };
}

const originalZone = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalZone;
});

describe.each(['UTC', 'America/New_York'])('buildCalendarInvite with the process in %s', (zone) => {
  // Node re-reads TZ when it is assigned, so the rest of the test runs as if the server were in that zone.
  const inZone = () => {
    process.env.TZ = zone;
    const localHour = new Date('2026-12-03T09:00:00.000Z').getHours();
    expect(localHour).toBe(zone === 'UTC' ? 9 : 4);
  };

  it('writes a REQUEST with the given UID, SEQUENCE 0 and the exact instants in UTC', () => {
    inZone();
    const parsed = parseInvite(buildCalendarInvite(base));
    expect(parsed).toMatchObject({
      method: 'REQUEST',
      uid: 'appointment-a1b2@kneadful.test',
      sequence: 0,
      start: '2026-12-03T09:00:00.000Z',
      end: '2026-12-03T10:00:00.000Z',
      startIsUtc: true,
      stamp: '2026-11-20T08:30:00.000Z',
      status: 'CONFIRMED',
      summary: 'Deep tissue, 60 min; with Ana Lee',
      attendee: 'MAILTO:bo@example.test',
      organizer: 'mailto:no-reply@practice.example',
      eventCount: 1,
    });
  });

  it('keeps the wall-clock hour across the end of summer time (Berlin, 25 October 2026)', () => {
    inZone();
    // 10:00 Berlin is 08:00Z on Saturday (CEST, +2) and 09:00Z on Monday (CET, +1): the rescheduled invite carries
    // the instant the caller computed, untouched by either zone.
    const parsed = parseInvite(
      buildCalendarInvite({
        ...base,
        sequence: 1,
        startsAt: new Date('2026-10-26T09:00:00.000Z'),
        endsAt: new Date('2026-10-26T10:30:00.000Z'),
      }),
    );
    expect(parsed).toMatchObject({
      method: 'REQUEST',
      sequence: 1,
      start: '2026-10-26T09:00:00.000Z',
      end: '2026-10-26T10:30:00.000Z',
      startIsUtc: true,
    });
  });

  it('writes a CANCEL with the same UID, the given SEQUENCE and STATUS:CANCELLED', () => {
    inZone();
    const parsed = parseInvite(buildCalendarInvite({ ...base, method: 'CANCEL', sequence: 3 }));
    expect(parsed).toMatchObject({
      method: 'CANCEL',
      uid: 'appointment-a1b2@kneadful.test',
      sequence: 3,
      status: 'CANCELLED',
      start: '2026-12-03T09:00:00.000Z',
      startIsUtc: true,
    });
  });
});

describe('buildCalendarInvite text form', () => {
  it('ends lines with CRLF and escapes TEXT values', () => {
    const text = buildCalendarInvite(base);
    expect(text.split('\r\n')).toContain('SUMMARY:Deep tissue\\, 60 min\\; with Ana Lee');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
  });

  it('is the same text for the same input, so a retried job sends an identical invite', () => {
    expect(buildCalendarInvite(base)).toBe(buildCalendarInvite({ ...base }));
  });

  it('stamps the invite with the current time when no stamp is given', () => {
    const before = Date.now();
    const { stamp } = parseInvite(buildCalendarInvite({ ...base, stampedAt: undefined }));
    // DTSTAMP has whole seconds.
    expect(Date.parse(stamp)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(Date.parse(stamp)).toBeLessThanOrEqual(Date.now());
  });

  it('refuses a negative or fractional sequence and an end that is not after the start', () => {
    expect(() => buildCalendarInvite({ ...base, sequence: -1 })).toThrow(RangeError);
    expect(() => buildCalendarInvite({ ...base, sequence: 1.5 })).toThrow(RangeError);
    expect(() => buildCalendarInvite({ ...base, endsAt: base.startsAt })).toThrow(RangeError);
  });
});
