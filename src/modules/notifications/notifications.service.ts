import type { DependenciesOf } from '../../deps.ts';
import type { Notification, Prisma } from '../../generated/prisma/client.ts';
import { decodeCursor, instantCursorSchema, keysetOrderBy, NEWEST_FIRST, rowsAfter, toPage, type Page, type PageQuery } from '../../lib/pagination.ts';
import { formatInstant } from '../../lib/time.ts';
import type { Principal } from '../../plugins/auth.ts';
import type { MessageKind } from './message-plan.rules.ts';
import type {
  AdminNotificationsQuery,
  AdminNotificationView,
  NotificationPreferences,
  NotificationView,
} from './notifications.schemas.ts';

const toStatus = (status: Notification['status']) => status.toLowerCase() as NotificationView['status'];

function toView(row: Notification): NotificationView {
  return {
    id: row.id,
    kind: row.kind as MessageKind,
    channel: 'email',
    status: toStatus(row.status),
    createdAt: formatInstant(row.createdAt),
    sendAt: formatInstant(row.sendAt),
    sentAt: row.sentAt ? formatInstant(row.sentAt) : null,
  };
}

function toAdminView(row: Notification): AdminNotificationView {
  return {
    ...toView(row),
    recipientId: row.recipientId,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    attempts: row.attempts,
    providerId: row.providerId,
    error: row.error,
  };
}

/** The message log as its readers see it: recipients their own messages, admins every message. */
export function createNotificationService(deps: DependenciesOf<'prisma'>) {
  const { prisma } = deps;

  async function page<View>(where: Prisma.NotificationWhereInput, query: PageQuery, present: (row: Notification) => View): Promise<Page<View>> {
    const after = decodeCursor(query.cursor, instantCursorSchema);
    const rows = await prisma.notification.findMany({
      where: { AND: [where, rowsAfter<Prisma.NotificationWhereInput>(NEWEST_FIRST, after)] },
      orderBy: keysetOrderBy(NEWEST_FIRST),
      take: query.limit + 1,
    });
    return toPage(rows, query.limit, (row) => ({ key: row.createdAt.toISOString(), tie: row.id }), present);
  }

  return {
    listOwn: (caller: Principal, query: PageQuery) => page({ recipientId: caller.userId }, query, toView),
    listAll: (query: AdminNotificationsQuery) =>
      page(
        {
          ...(query.status ? { status: query.status.toUpperCase() as Notification['status'] } : {}),
          ...(query.kind ? { kind: query.kind } : {}),
        },
        query,
        toAdminView,
      ),
    async getPreferences(caller: Principal): Promise<NotificationPreferences> {
      const user = await prisma.user.findUniqueOrThrow({ where: { id: caller.userId }, select: { remindersEnabled: true } });
      return { reminders: user.remindersEnabled };
    },
    async setPreferences(caller: Principal, input: NotificationPreferences): Promise<NotificationPreferences> {
      const user = await prisma.user.update({
        where: { id: caller.userId },
        data: { remindersEnabled: input.reminders },
        select: { remindersEnabled: true },
      });
      return { reminders: user.remindersEnabled };
    },
  };
}
