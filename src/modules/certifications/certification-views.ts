// What leaves the server about a certificate. The public selection does not even load the number, so no later
// change to a view or schema can leak it.
import type { Prisma } from '../../generated/prisma/client.ts';
import { formatInstant, formatLocalDate } from '../../lib/time.ts';
import { earliestValidExpiry, effectiveCertificationStatus } from './certifications.rules.ts';
import type { CertificationView, QueuedCertificationView } from './certifications.schemas.ts';

export const publicCertificationSelect = {
  id: true,
  kind: true,
  issuer: true,
  issuedOn: true,
  expiresOn: true,
  status: true,
} satisfies Prisma.CertificationSelect;

export const privateCertificationSelect = {
  ...publicCertificationSelect,
  number: true,
  rejectionReason: true,
  reviewedAt: true,
  createdAt: true,
} satisfies Prisma.CertificationSelect;

export const queuedCertificationSelect = {
  ...privateCertificationSelect,
  therapist: { select: { id: true, user: { select: { name: true } } } },
} satisfies Prisma.CertificationSelect;

type PublicRow = Prisma.CertificationGetPayload<{ select: typeof publicCertificationSelect }>;
type PrivateRow = Prisma.CertificationGetPayload<{ select: typeof privateCertificationSelect }>;
type QueuedRow = Prisma.CertificationGetPayload<{ select: typeof queuedCertificationSelect }>;

/** Verified and unexpired at `now`, in the database: what the public may see, and what counts for bookability. */
export function currentlyVerified(now: Date): Prisma.CertificationWhereInput {
  return { status: 'VERIFIED', expiresOn: { gte: new Date(`${earliestValidExpiry(now)}T00:00:00Z`) } };
}

export function toPublicCertification(row: PublicRow, now: Date): CertificationView {
  return {
    id: row.id,
    kind: row.kind,
    issuer: row.issuer,
    issuedOn: formatLocalDate(row.issuedOn),
    expiresOn: formatLocalDate(row.expiresOn),
    status: effectiveCertificationStatus(row, now),
  };
}

export function toPrivateCertification(row: PrivateRow, now: Date): CertificationView {
  return {
    ...toPublicCertification(row, now),
    number: row.number,
    rejectionReason: row.rejectionReason,
    reviewedAt: row.reviewedAt ? formatInstant(row.reviewedAt) : null,
    createdAt: formatInstant(row.createdAt),
  };
}

export function toQueuedCertification(row: QueuedRow, now: Date): QueuedCertificationView {
  return {
    ...toPrivateCertification(row, now),
    number: row.number,
    createdAt: formatInstant(row.createdAt),
    therapist: { id: row.therapist.id, name: row.therapist.user.name },
  };
}
