// Which messages an outbox event means, for whom and when: a pure function of the event and the settings, so the
// whole table is tested without a database. Whether a planned message still applies is judged again when it is
// sent (message-send.rules.ts), from the rows as they are then.
import type { LeadTime } from '../../config.ts';
import { MS_PER_DAY, MS_PER_MINUTE } from '../../lib/durations.ts';
import type { DomainEventPayload, DomainEventType } from '../events/domain-events.ts';

export const MESSAGE_KINDS = [
  'appointment-requested',
  'appointment-confirmed',
  'appointment-rescheduled',
  'appointment-cancelled',
  'appointment-reminder',
  'review-invitation',
  'certification-decided',
  'certification-expiring',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** Who a message is for, relative to its subject: resolved to a user by the relay. */
export type MessageRecipient = 'client' | 'therapist';

export interface PlannedMessage {
  kind: MessageKind;
  recipient: MessageRecipient;
  /** Tells apart messages of one kind for one subject version (a reminder's lead). */
  variant: string;
  sendAt: Date;
}

export interface PlannedEvent {
  type: DomainEventType;
  payload: unknown;
  occurredAt: Date;
}

export interface PlanSettings {
  reminderLeads: readonly LeadTime[];
}

/** Days before a verified certificate runs out that its therapist is told. */
export const CERTIFICATE_EXPIRY_WARNING_DAYS = [30, 7] as const;

const now = (event: PlannedEvent, kind: MessageKind, recipient: MessageRecipient): PlannedMessage => ({
  kind,
  recipient,
  variant: '',
  sendAt: event.occurredAt,
});

/**
 * A reminder for each lead whose time is still ahead: booked 3 hours before the start, a client gets the 2h
 * reminder but not the 24h one (it would arrive after the booking confirmation it reminds of).
 */
function reminders(event: PlannedEvent, startsAt: string, settings: PlanSettings): PlannedMessage[] {
  const start = new Date(startsAt).getTime();
  return settings.reminderLeads.flatMap((lead) => {
    const sendAt = new Date(start - lead.minutes * MS_PER_MINUTE);
    return sendAt > event.occurredAt ? [{ kind: 'appointment-reminder' as const, recipient: 'client' as const, variant: lead.label, sendAt }] : [];
  });
}

export function plannedMessagesFor(event: PlannedEvent, settings: PlanSettings): PlannedMessage[] {
  switch (event.type) {
    case 'appointment.requested': {
      const payload = event.payload as DomainEventPayload<'appointment.requested'>;
      return [now(event, 'appointment-requested', 'therapist'), ...reminders(event, payload.startsAt, settings)];
    }
    case 'appointment.confirmed':
      return [now(event, 'appointment-confirmed', 'client')];
    case 'appointment.rescheduled': {
      const payload = event.payload as DomainEventPayload<'appointment.rescheduled'>;
      return [
        now(event, 'appointment-rescheduled', 'client'),
        now(event, 'appointment-rescheduled', 'therapist'),
        ...reminders(event, payload.startsAt, settings),
      ];
    }
    case 'appointment.cancelled': {
      // The other participant learns of it; when neither cancelled (an admin, or the system's pending expiry), both.
      const { changedBy } = event.payload as DomainEventPayload<'appointment.cancelled'>;
      const recipients: MessageRecipient[] =
        changedBy === 'client' ? ['therapist'] : changedBy === 'therapist' ? ['client'] : ['client', 'therapist'];
      return recipients.map((recipient) => now(event, 'appointment-cancelled', recipient));
    }
    case 'appointment.completed':
      return [now(event, 'review-invitation', 'client')];
    case 'certification.verified': {
      const { expiresOn } = event.payload as DomainEventPayload<'certification.verified'>;
      const expiry = new Date(`${expiresOn}T00:00:00Z`).getTime();
      const warnings = CERTIFICATE_EXPIRY_WARNING_DAYS.flatMap((days) => {
        const sendAt = new Date(expiry - days * MS_PER_DAY);
        return sendAt > event.occurredAt
          ? [{ kind: 'certification-expiring' as const, recipient: 'therapist' as const, variant: `${days}d`, sendAt }]
          : [];
      });
      return [now(event, 'certification-decided', 'therapist'), ...warnings];
    }
    case 'certification.rejected':
      return [now(event, 'certification-decided', 'therapist')];
    case 'appointment.no_show':
    case 'certification.submitted':
    case 'review.created':
      return [];
  }
}
