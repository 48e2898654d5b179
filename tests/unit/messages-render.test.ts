// Rendering: exact wording of subjects and times in the recipient's zone (two zones, one DST edge), escaping in
// HTML but not in text, and schemas that refuse anything a message must not carry.
import { describe, expect, it } from 'vitest';
import { messageDataSchemas, messageKinds, type Message } from '../../src/modules/messages/message-kinds.ts';
import { renderMessage, templateFormat } from '../../src/modules/messages/render-message.ts';

const session = {
  recipientName: 'Bo Client',
  timeZone: 'Europe/Berlin',
  massageTypeName: 'Deep tissue',
  otherPartyName: 'Ana Lee',
  // Thursday 3 December 2026, 10:00–11:00 in Berlin (CET, UTC+1); 04:00–05:00 in New York (EST, UTC−5).
  startsAt: new Date('2026-12-03T09:00:00.000Z'),
  endsAt: new Date('2026-12-03T10:00:00.000Z'),
  links: { appointment: 'https://book.example/appointments/a1' },
};

/** One valid example per kind: every kind must render, and the loop below fails when a kind is added untested. */
const examples: Message[] = [
  { kind: 'appointment-requested', data: { ...session, recipientName: 'Ana Lee', otherPartyName: 'Bo Client' } },
  { kind: 'appointment-confirmed', data: session },
  { kind: 'appointment-rescheduled', data: { ...session, previousStartsAt: '2026-12-02T09:00:00Z' } },
  { kind: 'appointment-cancelled', data: { ...session, reason: 'cancelled-by-therapist' } },
  { kind: 'appointment-reminder', data: session },
  { kind: 'check-in-open', data: { ...session, links: { checkIn: 'https://book.example/check-in/a1' } } },
  { kind: 'review-invitation', data: { ...session, links: { review: 'https://book.example/reviews/new?a=a1' } } },
  {
    kind: 'waitlist-offer',
    data: { ...session, holdEndsAt: '2026-12-01T18:30:00Z', links: { accept: 'https://book.example/waitlist/w1' } },
  },
  {
    kind: 'email-verification',
    data: { recipientName: 'Bo', timeZone: 'UTC', expiresInMinutes: 1440, links: { verify: 'https://book.example/v?t=x' } },
  },
  {
    kind: 'password-reset',
    data: { recipientName: 'Bo', timeZone: 'UTC', expiresInMinutes: 60, links: { reset: 'https://book.example/r?t=x' } },
  },
  {
    kind: 'certification-decided',
    data: {
      recipientName: 'Ana Lee',
      timeZone: 'Europe/Berlin',
      certificationName: 'Massage therapy licence',
      decision: 'verified',
      links: { certification: 'https://book.example/me/certifications' },
    },
  },
  {
    kind: 'certification-expiring',
    data: {
      recipientName: 'Ana Lee',
      timeZone: 'Europe/Berlin',
      certificationName: 'Massage therapy licence',
      daysLeft: 7,
      expiresOn: '2027-01-15',
      links: { certification: 'https://book.example/me/certifications' },
    },
  },
];

function render(message: Message) {
  return renderMessage(message.kind, message.data as never);
}

describe('renderMessage, every kind', () => {
  it('has an example here for every kind there is', () => {
    expect(examples.map((example) => example.kind).sort()).toEqual([...messageKinds].sort());
  });

  it.each(examples.map((example) => [example.kind, example] as const))(
    'renders %s: a one-line subject, text that names the recipient, HTML in the layout with the link',
    (_kind, example) => {
      const { subject, text, html } = render(example);
      expect(subject).toMatch(/^[^\n]{5,120}$/);
      expect(text.startsWith(`Hello ${example.data.recipientName},\n\n`)).toBe(true);
      expect(text).not.toMatch(/\n{3,}|<%|%>|undefined|NaN/);
      expect(html).toMatch(/^<!DOCTYPE html>/);
      expect(html).toContain(`<title>${subject.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}</title>`);
      expect(html).not.toMatch(/<%|%>|undefined|NaN/);
      for (const href of Object.values(example.data.links)) {
        expect(text).toContain(href);
        expect(html).toContain(`href="${href.replace(/&/g, '&amp;')}"`);
      }
    },
  );
});

describe('times in the recipient zone', () => {
  it('writes a Berlin confirmation with the exact subject and span', () => {
    const { subject, text } = renderMessage('appointment-confirmed', session);
    expect(subject).toBe('Confirmed: Deep tissue, Thursday 3 December 2026, 10:00 (Europe/Berlin)');
    expect(text).toContain('When: Thursday 3 December 2026, 10:00–11:00 (Europe/Berlin)\n');
  });

  it('writes the same instant for a New York recipient as the early hours of that Thursday', () => {
    const { subject, text } = renderMessage('appointment-reminder', { ...session, timeZone: 'America/New_York' });
    expect(subject).toBe('Reminder: Deep tissue, Thursday 3 December 2026, 04:00 (America/New_York)');
    expect(text).toContain('When: Thursday 3 December 2026, 04:00–05:00 (America/New_York)\n');
  });

  it('keeps 10:00 on both sides of the end of summer time in Berlin (25 October 2026)', () => {
    // Saturday 24 October 10:00 is CEST (08:00Z); Monday 26 October 10:00 is CET (09:00Z).
    const { text } = renderMessage('appointment-rescheduled', {
      ...session,
      previousStartsAt: new Date('2026-10-24T08:00:00.000Z'),
      startsAt: new Date('2026-10-26T09:00:00.000Z'),
      endsAt: new Date('2026-10-26T10:30:00.000Z'),
    });
    expect(text).toContain('When: Monday 26 October 2026, 10:00–11:30 (Europe/Berlin)\n');
    expect(text).toContain('Previously: Saturday 24 October 2026, 10:00 (Europe/Berlin)\n');
  });

  it('writes a session on the night the clocks go forward in New York with its real length', () => {
    // 8 March 2026: 01:30 EST (06:30Z) to 03:30 EDT (07:30Z) is one hour, though the clock shows two.
    const format = templateFormat('America/New_York');
    expect(format.span(new Date('2026-03-08T06:30:00Z'), new Date('2026-03-08T07:30:00Z'))).toBe(
      'Sunday 8 March 2026, 01:30–03:30 (America/New_York)',
    );
  });

  it('writes both days when a session crosses midnight', () => {
    const format = templateFormat('Europe/Berlin');
    expect(format.span(new Date('2026-12-03T22:30:00Z'), new Date('2026-12-03T23:30:00Z'))).toBe(
      'Thursday 3 December 2026, 23:30– Friday 4 December 2026, 00:30 (Europe/Berlin)',
    );
  });

  it('accepts ISO strings with an offset, as a job payload carries them', () => {
    const { subject } = renderMessage('appointment-confirmed', {
      ...session,
      startsAt: '2026-12-03T10:00:00+01:00',
      endsAt: '2026-12-03T11:00:00+01:00',
    });
    expect(subject).toBe('Confirmed: Deep tissue, Thursday 3 December 2026, 10:00 (Europe/Berlin)');
  });

  it('names the hold end of a waitlist offer in the recipient zone', () => {
    const { text } = renderMessage('waitlist-offer', {
      ...session,
      holdEndsAt: '2026-12-01T18:30:00Z',
      links: { accept: 'https://book.example/waitlist/w1' },
    });
    expect(text).toContain('It is held for you until Tuesday 1 December 2026, 19:30 (Europe/Berlin).\n');
  });
});

describe('wording that must be right', () => {
  it('says a pending booking that expired was cancelled by the service and is not a late cancellation', () => {
    const { subject, text, html } = renderMessage('appointment-cancelled', { ...session, reason: 'pending-expired' });
    expect(subject).toBe('Cancelled: Deep tissue, Thursday 3 December 2026, 10:00 (Europe/Berlin)');
    const sentence =
      'The booking request was not confirmed in time, so the booking service has cancelled it. This does not count as a late cancellation.';
    expect(text).toContain(`${sentence}\n`);
    expect(html).toContain(sentence);
    expect(text).not.toContain('Ana Lee has cancelled');
  });

  it('names who cancelled otherwise', () => {
    expect(renderMessage('appointment-cancelled', { ...session, reason: 'cancelled-by-therapist' }).text).toContain(
      'Ana Lee has cancelled the appointment.\n',
    );
    expect(renderMessage('appointment-cancelled', { ...session, reason: 'cancelled-by-practice' }).text).toContain(
      'The practice has cancelled your appointment with Ana Lee.\n',
    );
  });

  it('gives a password reset link its expiry in minutes', () => {
    const { subject, text } = renderMessage('password-reset', {
      recipientName: 'Bo',
      timeZone: 'UTC',
      expiresInMinutes: 60,
      links: { reset: 'https://book.example/reset?token=abc' },
    });
    expect(subject).toBe('Reset your password');
    expect(text).toContain('open this link within 1 hour. It works once.\nhttps://book.example/reset?token=abc\n');
  });

  it('gives a rejection its reason and a verification none', () => {
    const base = {
      recipientName: 'Ana Lee',
      timeZone: 'Europe/Berlin',
      certificationName: 'Massage therapy licence',
      links: { certification: 'https://book.example/me/certifications' },
    };
    const rejected = renderMessage('certification-decided', { ...base, decision: 'rejected', reason: 'The scan is unreadable.' });
    expect(rejected.subject).toBe('Certification not accepted: Massage therapy licence');
    expect(rejected.text).toContain('Reason: The scan is unreadable.\n');
    const verified = renderMessage('certification-decided', { ...base, decision: 'verified' });
    expect(verified.subject).toBe('Certification verified: Massage therapy licence');
    expect(verified.text).not.toContain('Reason');
    expect(() => renderMessage('certification-decided', { ...base, decision: 'rejected' })).toThrow(/rejection states its reason/);
  });

  it('counts the days left before a certification expires', () => {
    const base = {
      recipientName: 'Ana Lee',
      timeZone: 'Europe/Berlin',
      certificationName: 'Massage therapy licence',
      expiresOn: '2027-01-15',
      links: { certification: 'https://book.example/me/certifications' },
    };
    expect(renderMessage('certification-expiring', { ...base, daysLeft: 30 }).subject).toBe(
      'Massage therapy licence expires in 30 days',
    );
    expect(renderMessage('certification-expiring', { ...base, daysLeft: 1 }).text).toContain(
      'expires on Friday 15 January 2027, in 1 day.',
    );
  });
});

describe('escaping', () => {
  it('escapes a recipient name such as <script> in HTML and leaves it as typed in text and subject', () => {
    const name = '<script>alert("x")</script> & Co';
    const { text, html } = renderMessage('appointment-confirmed', { ...session, recipientName: name });
    expect(text).toContain(`Hello ${name},`);
    expect(html).toContain('Hello &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co,');
    expect(html).not.toContain('<script>');
  });

  it('escapes a massage type name in the HTML title and body but not in the subject', () => {
    const { subject, html } = renderMessage('appointment-confirmed', { ...session, massageTypeName: 'Hot <b>stone</b>' });
    expect(subject).toContain('Hot <b>stone</b>');
    expect(html).toContain('<title>Confirmed: Hot &lt;b&gt;stone&lt;/b&gt;');
    expect(html).not.toContain('<b>stone</b>');
  });
});

describe('what a message may carry', () => {
  it('refuses health data, or any field it does not list, at the top level', () => {
    for (const field of ['screeningAnswers', 'flags', 'notes', 'contraindications']) {
      expect(() => renderMessage('appointment-confirmed', { ...session, [field]: ['pregnant'] } as never)).toThrow(
        new RegExp(field),
      );
    }
  });

  it('has no schema with a field named like health data', () => {
    const suspicious = /screen|answer|flag|note|health|medical|condition|contraindic/i;
    for (const kind of messageKinds) {
      const schema = messageDataSchemas[kind];
      // The refinement on certification-decided wraps the object; its shape is in the inner type.
      const shape = 'shape' in schema ? schema.shape : (schema as unknown as { def: { in: { shape: object } } }).def.in.shape;
      expect(Object.keys(shape).filter((key) => suspicious.test(key)), kind).toEqual([]);
    }
  });

  it('refuses links that are not absolute http(s) URLs', () => {
    for (const appointment of ['/appointments/a1', 'javascript:alert(1)', 'data:text/html,hi']) {
      expect(() => renderMessage('appointment-confirmed', { ...session, links: { appointment } })).toThrow();
    }
  });

  it('refuses a missing link, an unknown zone, a multi-line name and an unknown reason', () => {
    expect(() => renderMessage('appointment-confirmed', { ...session, links: {} } as never)).toThrow(/appointment/);
    expect(() => renderMessage('appointment-confirmed', { ...session, timeZone: 'Mars/Olympus' })).toThrow(/IANA/);
    expect(() => renderMessage('appointment-confirmed', { ...session, recipientName: 'Bo\nBcc: x@y' })).toThrow(/one line/);
    expect(() => renderMessage('appointment-cancelled', { ...session, reason: 'late' } as never)).toThrow(/reason/);
  });
});
