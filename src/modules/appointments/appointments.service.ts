import type { DependenciesOf } from '../../deps.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { decodeCursor, instantCursorSchema, keysetOrderBy, rowsAfter, toPage, type Page } from '../../lib/pagination.ts';
import type { Principal } from '../../plugins/auth.ts';
import { appointmentSelect, findVisibleAppointment, toAppointmentView } from './appointments.repository.ts';
import type { AppointmentView, ListAppointmentsQuery } from './appointments.schemas.ts';

// The cursor comes back from the client: its instant is range-checked like any other before it reaches SQL.
const APPOINTMENT_ORDER = { key: 'startsAt' } as const;

/** Reading appointments: a client sees their bookings, a therapist their sessions, an admin everything. */
export function createAppointmentsService(deps: DependenciesOf<'prisma'>) {
  const { prisma } = deps;

  function ownedBy(principal: Principal): Prisma.AppointmentWhereInput {
    if (principal.role === 'client') return { clientId: principal.userId };
    if (principal.role === 'therapist') return { therapistId: principal.therapistId ?? '' };
    return {};
  }

  /** By start, then id; `from`/`to` bound the start. */
  async function list(principal: Principal, query: ListAppointmentsQuery): Promise<Page<AppointmentView>> {
    const after = decodeCursor(query.cursor, instantCursorSchema);
    const startsAt: Prisma.DateTimeFilter = {
      ...(query.from ? { gte: query.from } : {}),
      ...(query.to ? { lt: query.to } : {}),
    };
    const rows = await prisma.appointment.findMany({
      where: {
        AND: [
          ownedBy(principal),
          query.status ? { status: query.status } : {},
          Object.keys(startsAt).length > 0 ? { startsAt } : {},
          rowsAfter<Prisma.AppointmentWhereInput>(APPOINTMENT_ORDER, after),
        ],
      },
      orderBy: keysetOrderBy(APPOINTMENT_ORDER),
      take: query.limit + 1,
      select: appointmentSelect,
    });
    const viewer = principal.role;
    return toPage(
      rows,
      query.limit,
      (row) => ({ key: row.startsAt.toISOString(), tie: row.id }),
      (row) => toAppointmentView(row, viewer),
    );
  }

  async function get(principal: Principal, id: string): Promise<AppointmentView> {
    const { row, viewer } = await findVisibleAppointment(prisma, principal, id);
    return toAppointmentView(row, viewer);
  }

  return { list, get };
}
