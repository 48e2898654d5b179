import type { DependenciesOf } from '../../deps.ts';
import type { MassageType, Prisma } from '../../generated/prisma/client.ts';
import { recordAudit } from '../../lib/audit.ts';
import { isUniqueViolation } from '../../lib/db-errors.ts';
import { ConflictError, NotFoundError } from '../../lib/errors.ts';
import {
  decodeCursor,
  keysetCursorSchema,
  keysetOrderBy,
  rowsAfter,
  toPage,
  type Page,
  type PageQuery,
} from '../../lib/pagination.ts';
import type { Principal } from '../../plugins/auth.ts';
import { z } from 'zod';
import type { CreateMassageTypeInput, MassageTypeView, UpdateMassageTypeInput } from './massage-types.schemas.ts';

export function toMassageTypeView(type: MassageType): MassageTypeView {
  return {
    slug: type.slug,
    name: type.name,
    description: type.description,
    durations: type.durations,
    priceCents: type.priceCents,
    currency: type.currency,
    pressure: type.pressure,
    requiredCertification: type.requiredCertification,
  };
}

/** The admins' order, slugs breaking ties. */
const CATALOGUE_ORDER = { key: 'position', tieBreaker: 'slug' } as const;
const catalogueCursorSchema = keysetCursorSchema(z.number().int());

export function createMassageTypeService(deps: DependenciesOf<'prisma' | 'clock'>) {
  const { prisma, clock } = deps;

  async function list(query: PageQuery): Promise<Page<MassageTypeView>> {
    const after = decodeCursor(query.cursor, catalogueCursorSchema);
    const rows = await prisma.massageType.findMany({
      where: rowsAfter<Prisma.MassageTypeWhereInput>(CATALOGUE_ORDER, after),
      orderBy: keysetOrderBy(CATALOGUE_ORDER),
      take: query.limit + 1,
    });
    return toPage(rows, query.limit, (row) => ({ key: row.position, tie: row.slug }), toMassageTypeView);
  }

  async function findBySlug(slug: string): Promise<MassageType> {
    const type = await prisma.massageType.findUnique({ where: { slug } });
    if (!type) throw new NotFoundError(`Massage type '${slug}'`, 'massage-type-not-found');
    return type;
  }

  async function create(actor: Principal, input: CreateMassageTypeInput): Promise<MassageTypeView> {
    try {
      const created = await prisma.$transaction(async (tx) => {
        const type = await tx.massageType.create({ data: input });
        await recordAudit(tx, {
          actorId: actor.userId,
          at: clock.now(),
          action: 'massage-type.created',
          entityType: 'MassageType',
          entityId: type.id,
          data: { slug: type.slug },
        });
        return type;
      });
      return toMassageTypeView(created);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('slug-taken', `A massage type '${input.slug}' already exists`);
      throw error;
    }
  }

  async function update(actor: Principal, slug: string, input: UpdateMassageTypeInput): Promise<MassageTypeView> {
    const updated = await prisma.$transaction(async (tx) => {
      const existing = await tx.massageType.findUnique({ where: { slug } });
      if (!existing) throw new NotFoundError(`Massage type '${slug}'`, 'massage-type-not-found');
      const type = await tx.massageType.update({ where: { id: existing.id }, data: input });
      await recordAudit(tx, {
        actorId: actor.userId,
        at: clock.now(),
        action: 'massage-type.updated',
        entityType: 'MassageType',
        entityId: type.id,
        data: { slug, changed: Object.keys(input) },
      });
      return type;
    });
    return toMassageTypeView(updated);
  }

  /** Refused while any appointment (past or future) refers to the type: the history must stay readable. */
  async function remove(actor: Principal, slug: string): Promise<void> {
    await prisma.$transaction(async (tx) => {
      const existing = await tx.massageType.findUnique({
        where: { slug },
        include: { _count: { select: { appointments: true } } },
      });
      if (!existing) throw new NotFoundError(`Massage type '${slug}'`, 'massage-type-not-found');
      if (existing._count.appointments > 0) {
        throw new ConflictError(
          'massage-type-in-use',
          `Massage type '${slug}' is used by ${existing._count.appointments} appointment(s) and cannot be deleted`,
        );
      }
      await tx.massageType.delete({ where: { id: existing.id } });
      await recordAudit(tx, {
        actorId: actor.userId,
        at: clock.now(),
        action: 'massage-type.deleted',
        entityType: 'MassageType',
        entityId: existing.id,
        data: { slug },
      });
    });
  }

  return { list, findBySlug, create, update, remove };
}
