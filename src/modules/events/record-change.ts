// Every change that matters is recorded twice, in the transaction that makes it: an audit entry (who did what,
// for admins) and, when integrations and people should hear of it, a domain event in the outbox. One function
// writes both, so a service cannot audit a change and forget to publish it, or publish what it never committed.
import type { Prisma } from '../../generated/prisma/client.ts';
import { recordAudit, type AuditEntry } from '../../lib/audit.ts';
import { DOMAIN_EVENT_PAYLOADS, subjectTypeOf, type DomainEventPayload, type DomainEventType } from './domain-events.ts';

export interface PublishedEvent<Type extends DomainEventType = DomainEventType> {
  type: Type;
  subjectId: string;
  subjectVersion: number;
  payload: DomainEventPayload<Type>;
}

type Tx = Pick<Prisma.TransactionClient, 'auditLog' | 'domainEvent'>;

export async function recordChange<Type extends DomainEventType>(
  tx: Tx,
  audit: AuditEntry,
  event?: PublishedEvent<Type>,
): Promise<void> {
  await recordAudit(tx, audit);
  if (!event) return;
  // Parsed, not only typed: a payload with a field its schema does not name is refused here, before it is stored.
  const payload = DOMAIN_EVENT_PAYLOADS[event.type].parse(event.payload) as Prisma.InputJsonValue;
  await tx.domainEvent.create({
    data: {
      type: event.type,
      subjectType: subjectTypeOf(event.type),
      subjectId: event.subjectId,
      subjectVersion: event.subjectVersion,
      payload,
      actorId: audit.actorId,
      occurredAt: audit.at,
    },
  });
}
