// A minimal iCalendar (RFC 5545) writer for a read-only feed: pure functions, no clock.
//
// What RFC 5545 asks of us here: lines end with CRLF (3.1); a content line longer than 75 octets is folded by
// inserting CRLF + one space, never inside a multi-octet UTF-8 character (3.1); TEXT values escape backslash,
// semicolon, comma and newlines (3.3.11); DATE-TIME in UTC ends with Z (3.3.5); every VEVENT has UID and DTSTAMP
// (3.6.1), and a published calendar (no METHOD) uses DTSTAMP as the last revision time of the event (3.8.7.2).

export interface CalendarEvent {
  uid: string;
  /** When the event was last changed: calendar apps use it to notice updates. */
  updatedAt: Date;
  start: Date;
  end: Date;
  summary: string;
  description?: string;
}

export interface CalendarInput {
  productId: string;
  name: string;
  events: readonly CalendarEvent[];
}

const CRLF = '\r\n';
const MAX_LINE_OCTETS = 75;

/** TEXT value escaping: `Deep tissue; 60 min, back` → `Deep tissue\; 60 min\, back`. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** 2026-12-01T08:00:00.000Z → 20261201T080000Z (seconds precision, UTC). */
export function formatUtcDateTime(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/**
 * Folds one content line so no physical line exceeds 75 octets: the first carries up to 75, each continuation a
 * leading space and up to 74 more. Splits between characters (code points), so UTF-8 stays valid.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const character of line) {
    const size = Buffer.byteLength(character, 'utf8');
    const limit = parts.length === 0 ? MAX_LINE_OCTETS : MAX_LINE_OCTETS - 1;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += character;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

function eventLines(event: CalendarEvent): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${formatUtcDateTime(event.updatedAt)}`,
    `DTSTART:${formatUtcDateTime(event.start)}`,
    `DTEND:${formatUtcDateTime(event.end)}`,
    `SUMMARY:${escapeText(event.summary)}`,
    ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
    'STATUS:CONFIRMED',
    'TRANSP:OPAQUE',
    'END:VEVENT',
  ];
}

/** The whole VCALENDAR object, every line folded and ended with CRLF. */
export function renderCalendar(input: CalendarInput): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${input.productId}`,
    'CALSCALE:GREGORIAN',
    `X-WR-CALNAME:${escapeText(input.name)}`,
    ...input.events.flatMap(eventLines),
    'END:VCALENDAR',
  ];
  return lines.map((line) => foldLine(line) + CRLF).join('');
}
