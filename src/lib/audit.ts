import type { Prisma } from '../generated/prisma/client.ts';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  data?: Prisma.InputJsonValue;
}

/** Records who changed what, inside the caller's transaction so the entry exists exactly when the change does. */
export async function recordAudit(db: Pick<Prisma.TransactionClient, 'auditLog'>, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({ data: entry });
}
