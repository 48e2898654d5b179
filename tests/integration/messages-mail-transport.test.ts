// The mail transport against a real SMTP server (smtp-server, in this process, on a free loopback port) and
// against the file fallback in a temporary folder. Both read back the MIME message a mail client would get.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildCalendarInvite } from '../../src/modules/messages/calendar-invite.ts';
import {
  createMailTransport,
  emlFileName,
  type MailTransport,
  type OutgoingMail,
} from '../../src/modules/messages/mail-transport.ts';
import { leafParts, parseMime } from '../helpers/mime-parts.ts';

const FROM = 'Kneadful <no-reply@practice.example>';

function inviteMail(method: 'REQUEST' | 'CANCEL'): OutgoingMail {
  const invite = buildCalendarInvite({
    method,
    uid: 'appointment-c3d4@kneadful.test',
    sequence: method === 'CANCEL' ? 1 : 0,
    startsAt: new Date('2026-12-03T09:00:00.000Z'),
    endsAt: new Date('2026-12-03T10:00:00.000Z'),
    summary: 'Swedish massage, 60 min',
    organizer: { name: 'Ana Lee', email: 'no-reply@practice.example' },
    attendee: { name: 'Bo Client', email: 'bo@example.test' },
    stampedAt: new Date('2026-11-20T08:30:00.000Z'),
  });
  const filename = method === 'CANCEL' ? 'cancel.ics' : 'invite.ics';
  return {
    to: 'Bo Client <bo@example.test>',
    subject: 'Your appointment is confirmed',
    text: 'Thursday 3 December 2026, 10:00 (Europe/Berlin)',
    html: '<p>Thursday 3 December 2026, 10:00 (Europe/Berlin)</p>',
    attachments: [{ filename, content: invite, contentType: `text/calendar; method=${method}` }],
  };
}

interface Received {
  from: string | false;
  to: string[];
  user: string | undefined;
  raw: string;
}

describe('createMailTransport over SMTP', () => {
  let server: SMTPServer;
  let port: number;
  const received: Received[] = [];
  let transport: MailTransport | undefined;

  beforeAll(async () => {
    server = new SMTPServer({
      // Plain SMTP on loopback: no certificate to manage in a test, and AUTH is allowed without TLS only here.
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      logger: false,
      onAuth(auth, _session, callback) {
        if (auth.username === 'mailer' && auth.password === 's3cret') callback(null, { user: auth.username });
        else callback(new Error('invalid credentials'));
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom && session.envelope.mailFrom.address,
            to: session.envelope.rcptTo.map((recipient) => recipient.address),
            user: session.user as string | undefined,
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });

  afterEach(async () => {
    await transport?.close();
    transport = undefined;
    received.length = 0;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('delivers the envelope, subject, both bodies and a text/calendar part with METHOD:REQUEST', async () => {
    const log: string[] = [];
    transport = createMailTransport(
      { smtpUrl: `smtp://mailer:s3cret@127.0.0.1:${port}`, from: FROM, dataDir: '/nonexistent' },
      (line) => log.push(line),
    );
    const { providerId } = await transport.send(inviteMail('REQUEST'));

    expect(received).toHaveLength(1);
    const [message] = received;
    expect(message!.from).toBe('no-reply@practice.example');
    expect(message!.to).toEqual(['bo@example.test']);
    expect(message!.user).toBe('mailer');

    const root = parseMime(message!.raw);
    expect(root.headers['subject']).toBe('Your appointment is confirmed');
    expect(root.headers['message-id']).toBe(providerId);
    expect(providerId).toMatch(/^<[^<>\s]+@practice\.example>$/);

    const leaves = leafParts(root);
    const calendarPart = leaves.find((part) => /^text\/calendar/i.test(part.contentType));
    expect(calendarPart?.contentType).toMatch(/^text\/calendar; charset=utf-8; method=REQUEST$/i);
    expect(calendarPart!.body).toContain('\r\nMETHOD:REQUEST\r\n');
    expect(calendarPart!.body).toContain('\r\nUID:appointment-c3d4@kneadful.test\r\n');

    const icsFile = leaves.find((part) => /filename="?invite\.ics"?/.test(part.headers['content-disposition'] ?? ''));
    expect(icsFile?.body).toBe(calendarPart!.body);
    expect(leaves.find((part) => part.contentType.startsWith('text/plain'))?.body).toBe(
      'Thursday 3 December 2026, 10:00 (Europe/Berlin)',
    );
    expect(leaves.find((part) => part.contentType.startsWith('text/html'))?.body).toContain('<p>Thursday');
    // SMTP sends log nothing themselves: the caller records the outcome.
    expect(log).toEqual([]);
  });

  it('names the cancellation cancel.ics with method=CANCEL on the calendar part', async () => {
    transport = createMailTransport({ smtpUrl: `smtp://mailer:s3cret@127.0.0.1:${port}`, from: FROM, dataDir: '/x' }, () => {});
    await transport.send(inviteMail('CANCEL'));
    const leaves = leafParts(parseMime(received[0]!.raw));
    expect(leaves.find((part) => /^text\/calendar/i.test(part.contentType))?.contentType).toMatch(/method=CANCEL$/);
    expect(leaves.some((part) => /filename="?cancel\.ics"?/.test(part.headers['content-disposition'] ?? ''))).toBe(true);
  });

  it('rejects when the server refuses the credentials, so the job is retried and not marked sent', async () => {
    transport = createMailTransport({ smtpUrl: `smtp://mailer:wrong@127.0.0.1:${port}`, from: FROM, dataDir: '/x' }, () => {});
    await expect(transport.send(inviteMail('REQUEST'))).rejects.toThrow(/invalid credentials/i);
    expect(received).toEqual([]);
  });

  it('refuses a URL that is not smtp:// or smtps:// without echoing it', () => {
    expect(() => createMailTransport({ smtpUrl: 'http://u:hunter2@host', from: FROM, dataDir: '/x' }, () => {})).toThrow(
      /^SMTP URL must start with smtp:\/\/ or smtps:\/\/$/,
    );
  });

  it('refuses a calendar attachment without a method and a second invite', async () => {
    transport = createMailTransport({ smtpUrl: `smtp://mailer:s3cret@127.0.0.1:${port}`, from: FROM, dataDir: '/x' }, () => {});
    const mail = inviteMail('REQUEST');
    const invite = mail.attachments![0]!;
    await expect(transport.send({ ...mail, attachments: [{ ...invite, contentType: 'text/calendar' }] })).rejects.toThrow(
      /needs a method/,
    );
    await expect(transport.send({ ...mail, attachments: [invite, invite] })).rejects.toThrow(/at most one/);
    expect(received).toEqual([]);
  });
});

describe('createMailTransport without SMTP', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kneadful-mail-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('writes an .eml under DATA_DIR/mail/, logs its path and never the body', async () => {
    const log: string[] = [];
    const transport = createMailTransport({ from: FROM, dataDir }, (line) => log.push(line));
    const { providerId } = await transport.send(inviteMail('REQUEST'));
    await transport.close();

    const files = await readdir(join(dataDir, 'mail'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^\d{8}T\d{9}Z-[A-Za-z0-9._-]+\.eml$/);
    expect(providerId).toBe(join(dataDir, 'mail', files[0]!));
    expect(log).toEqual([`mail written to ${providerId}`]);

    const raw = await readFile(providerId, 'utf8');
    // RFC 5322 line ends throughout.
    expect(raw.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const root = parseMime(raw);
    expect(root.headers['to']).toBe('Bo Client <bo@example.test>');
    expect(root.headers['from']).toBe(FROM);
    expect(root.headers['subject']).toBe('Your appointment is confirmed');
    const calendarPart = leafParts(root).find((part) => /^text\/calendar/i.test(part.contentType));
    expect(calendarPart?.contentType).toMatch(/method=REQUEST$/i);
    expect(calendarPart!.body).toContain('METHOD:REQUEST');
  });

  it('writes two messages sent in a row to two files', async () => {
    const transport = createMailTransport({ from: FROM, dataDir }, () => {});
    const first = await transport.send(inviteMail('REQUEST'));
    const second = await transport.send(inviteMail('CANCEL'));
    expect(first.providerId).not.toBe(second.providerId);
    expect(await readdir(join(dataDir, 'mail'))).toHaveLength(2);
  });
});

describe('emlFileName', () => {
  it('puts the time first and keeps only safe characters of the Message-ID', () => {
    expect(emlFileName(new Date('2026-12-03T09:00:00.123Z'), '<9f1c-22@practice.example>')).toBe(
      '20261203T090000123Z-9f1c-22_practice.example.eml',
    );
  });

  it('cannot be steered out of the folder by a hostile Message-ID', () => {
    const name = emlFileName(new Date('2026-12-03T09:00:00.000Z'), '<../../etc/passwd>');
    expect(name).toBe('20261203T090000000Z-.._.._etc_passwd.eml');
    expect(name).not.toContain('/');
  });
});
