// The job handlers of messages and pending expiry: thin adapters over the message log and the transition path,
// idempotent by the row they act on, since the queue delivers at least once. When a job runs is the queue's
// business: the relay scheduled each one for its due time (a reminder's, a booking's expiry).
import type { AppConfig } from '../../config.ts';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { Clock } from '../../lib/clock.ts';
import { transitionAppointment } from '../appointments/appointment-transition.ts';
import type { MailTransport } from '../messages/mail-transport.ts';
import { composeMessage } from './message-content.ts';

export interface NotificationJobDependencies {
  prisma: PrismaClient;
  clock: Clock;
  transport: Pick<MailTransport, 'send'>;
  config: Pick<AppConfig, 'PUBLIC_BASE_URL' | 'MAIL_FROM'>;
}

const MAX_ERROR_LENGTH = 1_000;

export function createNotificationJobs(deps: NotificationJobDependencies) {
  const { prisma, clock, transport, config } = deps;

  /**
   * Sends one logged message. A row no longer PENDING was handled by an earlier delivery of this job, so nothing
   * is sent twice unless a worker dies between the SMTP server's acceptance and the row's update (then the
   * message is sent again after the job's expiry: at most the messages in flight). A failure is recorded and
   * rethrown for the queue's retry; the last attempt leaves the row FAILED with the error.
   */
  async function sendMessage(data: { notificationId: string }, attempt: { retryCount: number; retryLimit: number }) {
    const notification = await prisma.notification.findUnique({ where: { id: data.notificationId } });
    if (!notification || notification.status !== 'PENDING') return;
    const composed = await composeMessage(prisma, notification, config);
    if ('skip' in composed) {
      await prisma.notification.updateMany({
        where: { id: notification.id, status: 'PENDING' },
        data: { status: 'SKIPPED', error: composed.skip },
      });
      return;
    }
    try {
      const { providerId } = await transport.send(composed.mail);
      await prisma.notification.update({
        where: { id: notification.id },
        data: { status: 'SENT', sentAt: clock.now(), providerId, attempts: { increment: 1 }, error: null },
      });
    } catch (error) {
      const last = attempt.retryCount >= attempt.retryLimit;
      await prisma.notification.update({
        where: { id: notification.id },
        data: {
          attempts: { increment: 1 },
          error: String((error as Error).message ?? error).slice(0, MAX_ERROR_LENGTH),
          ...(last ? { status: 'FAILED' as const } : {}),
        },
      });
      throw error;
    }
  }

  /** Cancels a booking nobody confirmed; one confirmed, moved on or cancelled meanwhile is left alone. */
  async function expirePending(data: { appointmentId: string }) {
    const appointment = await prisma.appointment.findUnique({
      where: { id: data.appointmentId },
      select: { status: true },
    });
    if (!appointment || appointment.status !== 'PENDING') return;
    await transitionAppointment(prisma, {
      actor: 'system',
      appointmentId: data.appointmentId,
      action: 'expire',
      now: clock.now(),
      changes: (_tx, _row, _by, now) => ({
        data: { cancelledAt: now, cancelledById: null, cancellationReason: 'pending-expired', lateCancellation: false },
        audit: { reason: 'pending-expired' },
      }),
    }).catch((error: { code?: string }) => {
      // Confirmed or cancelled between the read and the lock: nothing left to expire.
      if (error.code === 'invalid-transition') return;
      throw error;
    });
  }

  return { sendMessage, expirePending };
}
