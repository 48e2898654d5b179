// Turns outbox events into work: message log rows and their send jobs, and the pending-expiry job of a booking,
// all in one transaction with marking the events published. A crash before the commit leaves the events
// unpublished for the next pass; after it, everything they mean exists exactly once (the message log's unique
// key absorbs a second pass over the same event).
import type { AppConfig } from '../../config.ts';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import type { Clock } from '../../lib/clock.ts';
import { MS_PER_HOUR } from '../../lib/durations.ts';
import { QUEUES, type JobQueue, type NewJob, type SqlExecutor } from '../../jobs/job-queue.ts';
import type { DomainEventPayload, DomainEventType } from '../events/domain-events.ts';
import { plannedMessagesFor, type MessageRecipient } from './message-plan.rules.ts';

export interface OutboxRelayDependencies {
  prisma: PrismaClient;
  clock: Clock;
  queue: Pick<JobQueue, 'add'>;
  config: Pick<AppConfig, 'REMINDER_LEADS' | 'PENDING_EXPIRY_HOURS'>;
}

interface UnpublishedEvent {
  id: string;
  type: DomainEventType;
  subjectType: string;
  subjectId: string;
  subjectVersion: number;
  payload: unknown;
  occurredAt: Date;
}

/** Runs pg-boss's SQL on the caller's Prisma transaction, so the jobs commit or roll back with it. */
export function transactionExecutor(tx: Prisma.TransactionClient): SqlExecutor {
  return { executeSql: async (text, values) => ({ rows: await tx.$queryRawUnsafe(text, ...values) }) };
}

/** The user who receives a message for `recipient` of an event's subject. */
async function recipientUsers(
  tx: Prisma.TransactionClient,
  events: readonly UnpublishedEvent[],
): Promise<(event: UnpublishedEvent, recipient: MessageRecipient) => string | undefined> {
  const therapistIds = [...new Set(events.map((event) => (event.payload as { therapistId?: string }).therapistId).filter((id) => id !== undefined))];
  const profiles = await tx.therapistProfile.findMany({ where: { id: { in: therapistIds } }, select: { id: true, userId: true } });
  const userOfTherapist = new Map(profiles.map((profile) => [profile.id, profile.userId]));
  return (event, recipient) => {
    const payload = event.payload as { therapistId?: string; clientId?: string };
    return recipient === 'client' ? payload.clientId : userOfTherapist.get(payload.therapistId ?? '');
  };
}

/** Publishes up to `batchSize` events, oldest first; returns how many. Safe to run in several processes at once. */
export async function relayOutbox(deps: OutboxRelayDependencies, batchSize = 100): Promise<number> {
  const { prisma, queue, clock, config } = deps;
  return prisma.$transaction(async (tx) => {
    // SKIP LOCKED: relays in several worker processes take disjoint batches instead of queueing behind each other.
    const events = await tx.$queryRaw<UnpublishedEvent[]>`
      SELECT "id", "type", "subjectType", "subjectId", "subjectVersion", "payload", "occurredAt"
        FROM "DomainEvent" WHERE "publishedAt" IS NULL
       ORDER BY "occurredAt", "id" LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`;
    if (events.length === 0) return 0;
    const userFor = await recipientUsers(tx, events);
    const rows: Prisma.NotificationCreateManyInput[] = [];
    const jobs: NewJob[] = [];
    for (const event of events) {
      for (const message of plannedMessagesFor(event, { reminderLeads: config.REMINDER_LEADS })) {
        const recipientId = userFor(event, message.recipient);
        if (!recipientId) continue;
        rows.push({
          kind: message.kind,
          recipientId,
          subjectType: event.subjectType,
          subjectId: event.subjectId,
          subjectVersion: event.subjectVersion,
          variant: message.variant,
          sendAt: message.sendAt,
          createdAt: event.occurredAt,
        });
      }
      if (event.type === 'appointment.requested') jobs.push(pendingExpiryJob(event, config.PENDING_EXPIRY_HOURS));
    }
    const created = await tx.notification.createManyAndReturn({
      data: rows,
      skipDuplicates: true,
      select: { id: true, sendAt: true },
    });
    jobs.push(...created.map((row) => ({ queue: QUEUES.sendMessage.name, data: { notificationId: row.id }, startAfter: row.sendAt })));
    await queue.add(transactionExecutor(tx), jobs);
    await tx.domainEvent.updateMany({ where: { id: { in: events.map((event) => event.id) } }, data: { publishedAt: clock.now() } });
    return events.length;
  });
}

/** A booking still PENDING this long after it was made is cancelled; never later than its start. */
function pendingExpiryJob(event: UnpublishedEvent, expiryHours: number): NewJob {
  const payload = event.payload as DomainEventPayload<'appointment.requested'>;
  const expiresAt = Math.min(event.occurredAt.getTime() + expiryHours * MS_PER_HOUR, new Date(payload.startsAt).getTime());
  return {
    queue: QUEUES.expirePending.name,
    data: { appointmentId: payload.appointmentId, version: payload.version },
    startAfter: new Date(expiresAt),
  };
}
