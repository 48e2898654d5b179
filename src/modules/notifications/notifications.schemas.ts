import { z } from 'zod';
import { pageQuerySchema } from '../../lib/pagination.ts';
import { MESSAGE_KINDS } from './message-plan.rules.ts';

export const NOTIFICATION_STATUSES = ['pending', 'sent', 'failed', 'skipped'] as const;

/** A message as its log records it: never its body, which is built when it is sent and not kept. */
export const notificationSchema = z
  .object({
    id: z.string().describe('The message id'),
    kind: z.enum(MESSAGE_KINDS).describe('Which message, as the API contract names them, e.g. appointment-confirmed'),
    channel: z.enum(['email']).describe('How it is delivered'),
    status: z
      .enum(NOTIFICATION_STATUSES)
      .describe('pending: due or waiting; sent; failed after every retry; skipped: it no longer applied when due'),
    createdAt: z.string().describe('When the change it reports happened'),
    sendAt: z.string().describe('When it is or was due (the start minus the lead, for a reminder)'),
    sentAt: z.string().nullable().describe('When the mail server accepted it; null until then'),
  })
  .meta({ id: 'Notification' });
export type NotificationView = z.infer<typeof notificationSchema>;

/** What admins also see: whom it went to, what it was about, and why it failed. */
export const adminNotificationSchema = notificationSchema
  .extend({
    recipientId: z.string().describe('The user it is addressed to'),
    subjectType: z.string().describe('What it is about: Appointment, Certification'),
    subjectId: z.string().describe('The id of what it is about'),
    attempts: z.number().int().describe('Delivery attempts so far'),
    providerId: z.string().nullable().describe('The SMTP message id, or the .eml file, once sent'),
    error: z.string().nullable().describe('The last delivery error, or why it was skipped'),
  })
  .meta({ id: 'AdminNotification' });
export type AdminNotificationView = z.infer<typeof adminNotificationSchema>;

export const adminNotificationsQuerySchema = pageQuerySchema.extend({
  status: z.enum(NOTIFICATION_STATUSES).optional().describe('Only messages in this state'),
  kind: z.enum(MESSAGE_KINDS).optional().describe('Only messages of this kind'),
});
export type AdminNotificationsQuery = z.infer<typeof adminNotificationsQuerySchema>;

export const notificationPreferencesSchema = z
  .strictObject({
    reminders: z.boolean().describe('Reminders before a session (default true); confirmations and cancellations always go'),
  })
  .meta({ id: 'NotificationPreferences', example: { reminders: false } });
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;
