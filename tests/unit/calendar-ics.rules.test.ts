import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, formatUtcDateTime, renderCalendar } from '../../src/modules/calendar/ics.rules.ts';

const octets = (line: string) => Buffer.byteLength(line, 'utf8');

describe('escapeText', () => {
  it('escapes backslash, semicolon, comma and every kind of newline', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
  });

  it('leaves colons and other text alone', () => {
    expect(escapeText('Deep tissue: 60 min')).toBe('Deep tissue: 60 min');
  });
});

describe('formatUtcDateTime', () => {
  it('writes UTC with seconds and a Z, dropping milliseconds', () => {
    expect(formatUtcDateTime(new Date('2026-12-01T08:05:09.999Z'))).toBe('20261201T080509Z');
  });
});

describe('foldLine', () => {
  it('leaves a line of exactly 75 octets alone', () => {
    const line = 'X'.repeat(75);
    expect(foldLine(line)).toBe(line);
  });

  it('folds a long ASCII line into 75-octet physical lines with a leading space on continuations', () => {
    const line = `SUMMARY:${'a'.repeat(200)}`;
    const physical = foldLine(line).split('\r\n');
    expect(physical.map(octets)).toEqual([75, 75, 60]);
    expect(physical.slice(1).every((part) => part.startsWith(' '))).toBe(true);
    expect(physical.map((part, index) => (index === 0 ? part : part.slice(1))).join('')).toBe(line);
  });

  it('never splits a multi-octet character', () => {
    const line = `SUMMARY:${'ü'.repeat(80)}`; // 8 + 160 octets
    const physical = foldLine(line).split('\r\n');
    expect(physical.every((part) => octets(part) <= 75)).toBe(true);
    expect(physical.every((part) => !part.includes('\uFFFD'))).toBe(true);
    expect(physical.map(octets)).toEqual([74, 75, 1 + 2 * 10]);
    expect(physical.map((part, index) => (index === 0 ? part : part.slice(1))).join('')).toBe(line);
  });
});

describe('renderCalendar', () => {
  it('writes a VCALENDAR with one VEVENT per session, CRLF line ends and escaped text', () => {
    const text = renderCalendar({
      productId: '-//Kneadful//Test//EN',
      name: 'Sessions, Terry',
      events: [
        {
          uid: 'a1@kneadful',
          updatedAt: new Date('2026-11-30T10:00:00.000Z'),
          start: new Date('2026-12-02T08:00:00.000Z'),
          end: new Date('2026-12-02T09:00:00.000Z'),
          summary: 'Swedish massage (60 min)',
        },
      ],
    });
    expect(text).toBe(
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//Kneadful//Test//EN',
        'CALSCALE:GREGORIAN',
        'X-WR-CALNAME:Sessions\\, Terry',
        'BEGIN:VEVENT',
        'UID:a1@kneadful',
        'DTSTAMP:20261130T100000Z',
        'DTSTART:20261202T080000Z',
        'DTEND:20261202T090000Z',
        'SUMMARY:Swedish massage (60 min)',
        'STATUS:CONFIRMED',
        'TRANSP:OPAQUE',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
    );
  });

  it('writes an empty calendar when there are no sessions', () => {
    const text = renderCalendar({ productId: 'p', name: 'n', events: [] });
    expect(text.split('\r\n')).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:p', 'CALSCALE:GREGORIAN', 'X-WR-CALNAME:n', 'END:VCALENDAR', '']);
  });
});
