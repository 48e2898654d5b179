// What each kind of message may say, as one zod schema per kind. The schemas are the whitelist: every object is
// strict, so a caller that passes screening answers, flags or notes (or anything else not listed) gets a
// validation error instead of a message that carries them. There is deliberately no field for health data.
//
// Times arrive as instants (Date, or an ISO string with offset from a job payload) and are shown in the
// recipient's own zone; links are absolute http(s) URLs the caller built from PUBLIC_BASE_URL.
import { z } from 'zod';
import { localDateSchema, timeZoneSchema } from '../../lib/time.ts';

/** One line of plain text: no control characters, so nothing can break a Subject header or a text layout. */
const line = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\u0000-\u001f\u007f]*$/, 'must be one line of text');

const instant = z
  .union([z.date(), z.iso.datetime({ offset: true })])
  .transform((value) => (value instanceof Date ? value : new Date(value)))
  .refine((value) => !Number.isNaN(value.getTime()), 'must be a valid instant');

/** http(s) only: a `javascript:` or `data:` link in a message would be a trap, not a link. */
const link = z.url({ protocol: /^https?$/ });

/** The links a kind needs by name; further ones the caller happens to pass along are allowed and unused. */
const links = <Shape extends Record<string, typeof link>>(shape: Shape) => z.object(shape).catchall(link);

const recipient = {
  recipientName: line(200),
  /** The recipient's IANA zone; every time in the message is shown in it. */
  timeZone: timeZoneSchema,
};

const session = {
  ...recipient,
  massageTypeName: line(120),
  /** The therapist's name in a client's message, the client's in a therapist's. */
  otherPartyName: line(200),
  startsAt: instant,
  endsAt: instant,
  /** Where the session takes place, when the practice has said. */
  location: line(300).optional(),
};

const sessionWithLink = { ...session, links: links({ appointment: link }) };

/** Why a booking was cancelled, as the recipient should read it. Free text never reaches a message. */
export const cancellationReasons = [
  'cancelled-by-client',
  'cancelled-by-therapist',
  'cancelled-by-practice',
  /** Still PENDING after PENDING_EXPIRY_HOURS (or at its start): cancelled by the service, not late. */
  'pending-expired',
] as const;

export const messageDataSchemas = {
  'appointment-requested': z.strictObject(sessionWithLink),
  'appointment-confirmed': z.strictObject(sessionWithLink),
  'appointment-rescheduled': z.strictObject({ ...sessionWithLink, previousStartsAt: instant }),
  'appointment-cancelled': z.strictObject({ ...sessionWithLink, reason: z.enum(cancellationReasons) }),
  'appointment-reminder': z.strictObject(sessionWithLink),
  'check-in-open': z.strictObject({ ...session, links: links({ checkIn: link }) }),
  'review-invitation': z.strictObject({ ...session, links: links({ review: link }) }),
  'waitlist-offer': z.strictObject({ ...session, holdEndsAt: instant, links: links({ accept: link }) }),
  'email-verification': z.strictObject({
    ...recipient,
    expiresInMinutes: z.int().min(1).max(60 * 24 * 14),
    links: links({ verify: link }),
  }),
  'password-reset': z.strictObject({
    ...recipient,
    expiresInMinutes: z.int().min(1).max(60 * 24),
    links: links({ reset: link }),
  }),
  'certification-decided': z
    .strictObject({
      ...recipient,
      /** What the therapist called it when uploading, e.g. "State massage therapy licence". */
      certificationName: line(200),
      decision: z.enum(['verified', 'rejected']),
      /** The reviewer's reason: required for a rejection, so the therapist knows what to fix. */
      reason: line(500).optional(),
      links: links({ certification: link }),
    })
    .refine((data) => data.decision !== 'rejected' || data.reason !== undefined, {
      path: ['reason'],
      message: 'a rejection states its reason',
    }),
  'certification-expiring': z.strictObject({
    ...recipient,
    certificationName: line(200),
    daysLeft: z.int().min(0).max(366),
    expiresOn: localDateSchema,
    links: links({ certification: link }),
  }),
} as const;

type Schemas = typeof messageDataSchemas;
export type MessageKind = keyof Schemas;
export const messageKinds = Object.keys(messageDataSchemas) as MessageKind[];

/** What a caller passes for a kind (dates as Date or ISO strings). */
export type MessageDataInput<K extends MessageKind> = z.input<Schemas[K]>;
/** The same after validation (dates as Date, zone names canonical). */
export type MessageData<K extends MessageKind> = z.output<Schemas[K]>;

/** `{ kind, data }` as one discriminated union, e.g. for a job payload: narrowing on `kind` types `data`. */
export type Message = { [K in MessageKind]: { kind: K; data: MessageDataInput<K> } }[MessageKind];
