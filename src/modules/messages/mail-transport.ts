// Sends one composed message: over SMTP when SMTP_URL is set, otherwise into DATA_DIR/mail/ as an .eml file, so a
// deployment without a mail server (development, a demo, a test) still shows exactly what would have gone out.
//
// Both paths compose through nodemailer, so the file is byte for byte the MIME message SMTP would carry.
//
// Calendar attachments (content type text/calendar) become nodemailer's `icalEvent`, because that one option makes
// the two parts calendar clients look for: a `text/calendar; charset=utf-8; method=REQUEST` alternative inside
// multipart/alternative (what Gmail and Outlook turn into an invitation; they ignore an invite whose content type
// lacks the method parameter) and an `application/ics` attachment under the given file name (invite.ics /
// cancel.ics) for clients and people that open attachments instead. Sending the same calendar again as a plain
// attachment would show two invitations in some clients.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';

export interface MailAttachment {
  filename: string;
  content: string;
  /** For an invite: `text/calendar; method=REQUEST` or `text/calendar; method=CANCEL`. */
  contentType: string;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments?: MailAttachment[];
}

export interface MailTransport {
  /** Resolves once the server accepted the message (or the file is written); rejects otherwise. */
  send(mail: OutgoingMail): Promise<{ providerId: string }>;
  close(): Promise<void>;
}

export interface MailTransportSettings {
  /** `smtp://user:pass@host:port` or `smtps://…`; unset: write .eml files. */
  smtpUrl?: string;
  /** Sender, e.g. `Kneadful <no-reply@practice.example>`. */
  from: string;
  dataDir: string;
}

// A job that hangs holds a worker slot: fail fast and let the queue retry, rather than nodemailer's defaults of
// minutes.
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as const;

const CALENDAR_TYPE = /^text\/calendar\b/i;
const METHOD_PARAMETER = /;\s*method\s*=\s*"?([A-Za-z-]+)"?/i;

type NodemailerMessage = Parameters<ReturnType<typeof nodemailer.createTransport>['sendMail']>[0];

/** The nodemailer message for one mail: the calendar attachment (at most one) as `icalEvent`, the rest as is. */
export function toNodemailerMessage(from: string, mail: OutgoingMail): NodemailerMessage {
  const attachments = mail.attachments ?? [];
  const calendars = attachments.filter((attachment) => CALENDAR_TYPE.test(attachment.contentType));
  if (calendars.length > 1) throw new Error('a message carries at most one calendar invite');
  const calendar = calendars[0];
  const others = attachments.filter((attachment) => attachment !== calendar);
  let icalEvent: { method: string; filename: string; content: string } | undefined;
  if (calendar) {
    const method = METHOD_PARAMETER.exec(calendar.contentType)?.[1];
    if (!method) throw new Error(`calendar attachment ${calendar.filename} needs a method in its content type`);
    icalEvent = { method: method.toUpperCase(), filename: calendar.filename, content: calendar.content };
  }
  return {
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    ...(icalEvent ? { icalEvent } : {}),
    ...(others.length > 0
      ? { attachments: others.map(({ filename, content, contentType }) => ({ filename, content, contentType })) }
      : {}),
  };
}

/**
 * The file name for a message written at `at`: `20261203T090000123Z-<message id>.eml`. Sorting the names sorts by
 * time; the Message-ID keeps two messages in the same millisecond apart; anything outside [A-Za-z0-9._-] (the
 * angle brackets, `@`, a `/` a hostile id could carry) becomes `_`, so the name can never leave the folder (and,
 * starting with the time, it is never `..` or hidden).
 */
export function emlFileName(at: Date, messageId: string): string {
  const stamp = at.toISOString().replace(/[-:.]/g, '');
  const id = messageId.replace(/^<|>$/g, '').replace(/[^A-Za-z0-9._-]/g, '_');
  return `${stamp}-${id.slice(0, 120)}.eml`;
}

function smtpTransport(smtpUrl: string, from: string): MailTransport {
  const protocol = URL.canParse(smtpUrl) ? new URL(smtpUrl).protocol : '';
  if (protocol !== 'smtp:' && protocol !== 'smtps:') {
    // Never echo the URL: it carries the password.
    throw new Error('SMTP URL must start with smtp:// or smtps://');
  }
  const transporter = nodemailer.createTransport({ url: smtpUrl, ...SMTP_TIMEOUTS });
  return {
    async send(mail) {
      const info = await transporter.sendMail(toNodemailerMessage(from, mail));
      return { providerId: info.messageId };
    },
    async close() {
      transporter.close();
    },
  };
}

function fileTransport(from: string, dataDir: string, log: (message: string) => void): MailTransport {
  const folder = join(dataDir, 'mail');
  // CRLF line ends: an .eml file is an RFC 5322 message, and mail programs open it as one.
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    async send(mail) {
      const info = await composer.sendMail(toNodemailerMessage(from, mail));
      await mkdir(folder, { recursive: true });
      const path = join(folder, emlFileName(new Date(), info.messageId));
      // 'wx': never overwrite a message already written.
      await writeFile(path, info.message as Buffer, { flag: 'wx' });
      // The path only: subject and body can carry a person's name and appointment.
      log(`mail written to ${path}`);
      return { providerId: path };
    },
    async close() {
      composer.close();
    },
  };
}

export function createMailTransport(settings: MailTransportSettings, log: (message: string) => void): MailTransport {
  return settings.smtpUrl
    ? smtpTransport(settings.smtpUrl, settings.from)
    : fileTransport(settings.from, settings.dataDir, log);
}
