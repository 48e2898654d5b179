// Builds a planned message from the current rows when it is sent, or says why it no longer applies. Only what a
// message kind's schema names reaches it (messages/message-kinds.ts): names, times, the type's name, links.
import type { AppConfig } from '../../config.ts';
import type { Notification, PrismaClient } from '../../generated/prisma/client.ts';
import { buildCalendarInvite } from '../messages/calendar-invite.ts';
import type { MailAttachment, OutgoingMail } from '../messages/mail-transport.ts';
import { renderMessage } from '../messages/render-message.ts';
import type { MessageKind } from './message-plan.rules.ts';
import { appointmentMessageSkip, certificateMessageSkip, type SkipReason } from './message-send.rules.ts';

export type ComposedMessage = { mail: OutgoingMail } | { skip: SkipReason };

type Settings = Pick<AppConfig, 'PUBLIC_BASE_URL' | 'MAIL_FROM'>;

const appointmentForMessage = {
  id: true,
  status: true,
  startsAt: true,
  endsAt: true,
  calendarSequence: true,
  cancelledById: true,
  massageType: { select: { name: true } },
  review: { select: { id: true } },
  client: { select: { id: true, name: true, email: true, remindersEnabled: true } },
  therapist: { select: { timeZone: true, user: { select: { id: true, name: true, email: true, remindersEnabled: true } } } },
} as const;

/** The address part of `Name <address>`, for the invite's organizer. */
function addressOf(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from;
}

type PlannedNotification = Pick<
  Notification,
  'kind' | 'variant' | 'sendAt' | 'subjectType' | 'subjectId' | 'subjectVersion' | 'recipientId'
>;

export async function composeMessage(
  prisma: PrismaClient,
  notification: PlannedNotification,
  settings: Settings,
): Promise<ComposedMessage> {
  return notification.subjectType === 'Certification'
    ? composeCertificateMessage(prisma, notification, settings)
    : composeAppointmentMessage(prisma, notification, settings);
}

/** The name a therapist reads for a kind of certificate: "licence", "prenatal certification". */
const certificateName = (kind: string) => (kind === 'licence' ? 'Massage therapy licence' : `${kind} certification`);

async function composeCertificateMessage(
  prisma: PrismaClient,
  notification: PlannedNotification,
  settings: Settings,
): Promise<ComposedMessage> {
  const certificate = await prisma.certification.findUnique({
    where: { id: notification.subjectId },
    select: {
      kind: true,
      status: true,
      expiresOn: true,
      rejectionReason: true,
      therapist: { select: { id: true, timeZone: true, user: { select: { name: true, email: true } } } },
    },
  });
  const skip = certificateMessageSkip(
    { kind: notification.kind as MessageKind, variant: notification.variant, sendAt: notification.sendAt },
    certificate,
  );
  if (skip) return { skip };
  if (!certificate) return { skip: 'subject-gone' };
  const recipient = {
    recipientName: certificate.therapist.user.name,
    timeZone: certificate.therapist.timeZone,
    certificationName: certificateName(certificate.kind),
    links: { certification: `${settings.PUBLIC_BASE_URL}/therapists/${certificate.therapist.id}/certifications` },
  };
  const rendered =
    notification.kind === 'certification-expiring'
      ? renderMessage('certification-expiring', {
          ...recipient,
          daysLeft: Number.parseInt(notification.variant, 10),
          expiresOn: certificate.expiresOn.toISOString().slice(0, 10),
        })
      : certificate.status === 'REJECTED'
        ? renderMessage('certification-decided', {
            ...recipient,
            decision: 'rejected',
            reason: certificate.rejectionReason ?? 'No reason was given',
          })
        : renderMessage('certification-decided', { ...recipient, decision: 'verified' });
  return { mail: { to: certificate.therapist.user.email, ...rendered } };
}

async function composeAppointmentMessage(
  prisma: PrismaClient,
  notification: PlannedNotification,
  settings: Settings,
): Promise<ComposedMessage> {
  const appointment = await prisma.appointment.findUnique({
    where: { id: notification.subjectId },
    select: appointmentForMessage,
  });
  const toClient = appointment?.client.id === notification.recipientId;
  const recipient = appointment ? (toClient ? appointment.client : appointment.therapist.user) : null;
  const other = appointment ? (toClient ? appointment.therapist.user : appointment.client) : null;
  const skip = appointmentMessageSkip(
    { kind: notification.kind as MessageKind, variant: notification.variant, sendAt: notification.sendAt },
    appointment && recipient
      ? {
          status: appointment.status,
          startsAt: appointment.startsAt,
          reviewed: appointment.review !== null,
          recipientWantsReminders: recipient.remindersEnabled,
        }
      : null,
  );
  if (skip) return { skip };
  if (!appointment || !recipient || !other) return { skip: 'subject-gone' };

  const link = `${settings.PUBLIC_BASE_URL}/appointments/${appointment.id}`;
  const session = {
    recipientName: recipient.name,
    // Clients keep no zone of their own yet: they read times in the therapist's, where the session happens.
    timeZone: appointment.therapist.timeZone,
    massageTypeName: appointment.massageType.name,
    otherPartyName: other.name,
    startsAt: appointment.startsAt,
    endsAt: appointment.endsAt,
  };
  const invite = (method: 'REQUEST' | 'CANCEL'): MailAttachment => ({
    filename: method === 'REQUEST' ? 'invite.ics' : 'cancel.ics',
    contentType: `text/calendar; method=${method}`,
    content: buildCalendarInvite({
      method,
      uid: `appointment-${appointment.id}@kneadful`,
      sequence: appointment.calendarSequence,
      startsAt: appointment.startsAt,
      endsAt: appointment.endsAt,
      summary: `${appointment.massageType.name} with ${other.name}`,
      url: link,
      organizer: { name: appointment.therapist.user.name, email: addressOf(settings.MAIL_FROM) },
      attendee: { name: recipient.name, email: recipient.email },
    }),
  });

  const cancelledBy = appointment.cancelledById;
  const reason =
    cancelledBy === null
      ? 'pending-expired'
      : cancelledBy === appointment.client.id
        ? 'cancelled-by-client'
        : cancelledBy === appointment.therapist.user.id
          ? 'cancelled-by-therapist'
          : 'cancelled-by-practice';

  const withLink = { ...session, links: { appointment: link } };
  const previousStartsAt = async () => {
    // The time it moved from is the event's to tell: the row only knows where it is now.
    const moved = await prisma.domainEvent.findFirst({
      where: { subjectId: appointment.id, subjectVersion: notification.subjectVersion, type: 'appointment.rescheduled' },
      select: { payload: true },
    });
    return (moved?.payload as { previousStartsAt?: string } | undefined)?.previousStartsAt ?? appointment.startsAt;
  };
  const rendered =
    notification.kind === 'appointment-requested'
      ? renderMessage('appointment-requested', withLink)
      : notification.kind === 'appointment-confirmed'
        ? renderMessage('appointment-confirmed', withLink)
        : notification.kind === 'appointment-rescheduled'
          ? renderMessage('appointment-rescheduled', { ...withLink, previousStartsAt: await previousStartsAt() })
          : notification.kind === 'appointment-cancelled'
            ? renderMessage('appointment-cancelled', { ...withLink, reason })
            : notification.kind === 'appointment-reminder'
              ? renderMessage('appointment-reminder', withLink)
              : notification.kind === 'review-invitation'
                ? renderMessage('review-invitation', { ...session, links: { review: `${link}/review` } })
                : null;
  if (!rendered) return { skip: 'subject-gone' };
  const attachments =
    notification.kind === 'appointment-confirmed' || notification.kind === 'appointment-rescheduled'
      ? [invite('REQUEST')]
      : notification.kind === 'appointment-cancelled'
        ? [invite('CANCEL')]
        : [];
  return { mail: { to: recipient.email, ...rendered, attachments } };
}
