// A real SMTP server in the test process, on a free loopback port, that keeps what it receives.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { leafParts, parseMime, type MimePart } from './mime-parts.ts';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** The text/calendar alternative, when the message carries an invite. */
  calendar: string | undefined;
  /** The Message-ID header: the provider id the message log records. */
  messageId: string;
  raw: string;
}

export interface SmtpSink {
  url: string;
  received: ReceivedMail[];
  /** Waits until `count` messages arrived (or fails after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

function bodyOf(leaves: MimePart[], type: string): string {
  return leaves.find((part) => part.contentType.toLowerCase().startsWith(type))?.body ?? '';
}

/** `delayMs` holds each message that long before accepting it, like a real server's round trips. */
export async function startSmtpSink(options: { delayMs?: number } = {}): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const root = parseMime(raw);
        const leaves = leafParts(root);
        received.push({
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          subject: root.headers['subject'] ?? '',
          text: bodyOf(leaves, 'text/plain'),
          html: bodyOf(leaves, 'text/html'),
          calendar: leaves.find((part) => part.contentType.toLowerCase().startsWith('text/calendar'))?.body,
          messageId: root.headers['message-id'] ?? '',
          raw,
        });
        if (options.delayMs) setTimeout(callback, options.delayMs);
        else callback();
      });
    },
  });
  // A client that dies mid-message (a killed worker) resets its connection: not this server's failure.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    async waitFor(count, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} messages, received ${received.length}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
