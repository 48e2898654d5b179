// Builds a planned message from the current rows when it is sent, or says why it no longer applies. Only what a
// message kind's schema names reaches it (messages/message-kinds.ts): names, times, the type's name, links.
import type { AppConfig } from '../../config.ts';
import type { Notification, PrismaClient } from '../../generated/prisma/client.ts';
import { buildCalendarInvite } from '../messages/calendar-invite.ts';
import type { MailAttachment, OutgoingMail } from '../messages/mail-transport.ts';
import { renderMessage } from '../messages/render-message.ts';
import { appointmentMessageSkip, type SkipReason } from './message-send.rules.ts';

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

export async function composeMessage(
  prisma: PrismaClient,
  notification: Pick<Notification, 'kind' | 'variant' | 'sendAt' | 'subjectId' | 'subjectVersion' | 'recipientId'>,
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
    { kind: notification.kind as never, variant: notification.variant, sendAt: notification.sendAt },
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
