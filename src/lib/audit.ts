import type { Prisma } from '../generated/prisma/client.ts';

export interface AuditEntry {
  actorId: string | null;
  /** When it happened, by the app's clock (not the database's), like every other time the app records. */
  at: Date;
  action: string;
  entityType: string;
  entityId: string;
  data?: Prisma.InputJsonValue;
}

/** Records who changed what, inside the caller's transaction so the entry exists exactly when the change does. */
export async function recordAudit(db: Pick<Prisma.TransactionClient, 'auditLog'>, entry: AuditEntry): Promise<void> {
  const { at, ...fields } = entry;
  await db.auditLog.create({ data: { ...fields, createdAt: at } });
}
