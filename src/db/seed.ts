import type { PrismaClient } from '../generated/prisma/client.ts';
import { hashPassword } from '../lib/passwords.ts';
import { STARTER_CATALOGUE } from './catalogue.ts';

/** Loads the starter catalogue into an empty catalogue. Once a practice has a catalogue, it is theirs to edit. */
export async function seedCatalogue(prisma: PrismaClient): Promise<number> {
  if ((await prisma.massageType.count()) > 0) return 0;
  const { count } = await prisma.massageType.createMany({
    data: STARTER_CATALOGUE.map((entry, position) => ({ ...entry, position: position * 10 })),
    skipDuplicates: true,
  });
  return count;
}

/** Creates the first admin (admins cannot self-register). Leaves an existing account as it is. */
export async function ensureAdmin(
  prisma: PrismaClient,
  admin: { email: string; password: string; passwordCost: number },
): Promise<'created' | 'exists'> {
  const email = admin.email.trim().toLowerCase();
  const existing = await prisma.user.findUnique({ where: { email } });
  if (existing) return 'exists';
  await prisma.user.create({
    data: { email, name: 'Administrator', role: 'ADMIN', passwordHash: await hashPassword(admin.password, admin.passwordCost) },
  });
  return 'created';
}

interface DemoTherapist {
  email: string;
  name: string;
  bio: string;
  timeZone: string;
  types: string[];
  certifications: string[];
  weekly: { weekday: number; start: number; end: number }[];
}

const hours = (hour: number) => hour * 60;

const DEMO_THERAPISTS: DemoTherapist[] = [
  {
    email: 'anna.berg@demo.kneadful.test',
    name: 'Anna Berg',
    bio: 'Swedish and prenatal massage; ten years in a midwife-led practice.',
    timeZone: 'Europe/Berlin',
    types: ['swedish', 'prenatal', 'aromatherapy'],
    certifications: ['licence', 'prenatal', 'aromatherapy'],
    weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: hours(9), end: hours(17) })),
  },
  {
    email: 'marcus.reed@demo.kneadful.test',
    name: 'Marcus Reed',
    bio: 'Sports and deep tissue work for runners and climbers.',
    timeZone: 'America/New_York',
    types: ['sports', 'deep-tissue', 'swedish'],
    certifications: ['licence', 'sports', 'deep-tissue'],
    weekly: [2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: hours(10), end: hours(19) })),
  },
  {
    email: 'keiko.tanaka@demo.kneadful.test',
    name: 'Keiko Tanaka',
    bio: 'Shiatsu and hot stone; evenings and weekends.',
    timeZone: 'Europe/London',
    types: ['shiatsu', 'hot-stone'],
    certifications: ['licence', 'shiatsu', 'hot-stone'],
    weekly: [
      { weekday: 3, start: hours(16), end: hours(21) },
      { weekday: 6, start: hours(9), end: hours(15) },
      { weekday: 7, start: hours(10), end: hours(14) },
    ],
  },
];

/** Demo therapists with verified credentials and weekly hours, so a fresh install has something to book. */
export async function seedDemoTherapists(prisma: PrismaClient, passwordCost: number, now: Date): Promise<number> {
  const types = await prisma.massageType.findMany({ select: { id: true, slug: true } });
  const typeIdBySlug = new Map(types.map((type) => [type.slug, type.id]));
  const passwordHash = await hashPassword('demo-password-123', passwordCost);
  const issuedOn = new Date(Date.UTC(now.getUTCFullYear() - 2, 0, 1));
  const expiresOn = new Date(Date.UTC(now.getUTCFullYear() + 3, 0, 1));
  let created = 0;
  for (const demo of DEMO_THERAPISTS) {
    if (await prisma.user.findUnique({ where: { email: demo.email } })) continue;
    await prisma.user.create({
      data: {
        email: demo.email,
        name: demo.name,
        role: 'THERAPIST',
        passwordHash,
        therapistProfile: {
          create: {
            bio: demo.bio,
            timeZone: demo.timeZone,
            massageTypes: {
              create: demo.types.flatMap((slug) => {
                const massageTypeId = typeIdBySlug.get(slug);
                return massageTypeId ? [{ massageTypeId }] : [];
              }),
            },
            certifications: {
              create: demo.certifications.map((kind, index) => ({
                kind,
                issuer: 'Demo Board of Massage Therapy',
                number: `DEMO-${demo.name.split(' ')[0]?.toUpperCase()}-${index + 1}`,
                issuedOn,
                expiresOn,
                status: 'VERIFIED' as const,
                reviewedAt: now,
              })),
            },
            weeklyHours: {
              create: demo.weekly.map((slot) => ({ weekday: slot.weekday, startMinute: slot.start, endMinute: slot.end })),
            },
          },
        },
      },
    });
    created += 1;
  }
  return created;
}
