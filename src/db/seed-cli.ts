// npm run db:seed — load the starter catalogue (if empty), demo therapists (SEED_DEMO_DATA) and the first admin
// (ADMIN_EMAIL / ADMIN_PASSWORD) into DATABASE_URL. Safe to run again: it only adds what is missing.
import { parseConfig } from '../config.ts';
import { createPrismaClient } from './connection.ts';
import { ensureAdmin, seedCatalogue, seedDemoTherapists } from './seed.ts';

const config = parseConfig(process.env);
if (!config.DATABASE_URL) {
  console.error('DATABASE_URL is not set (npm start seeds the embedded database by itself)');
  process.exit(2);
}
const prisma = createPrismaClient(config.DATABASE_URL, 2, 0);
try {
  console.log(`catalogue: ${await seedCatalogue(prisma)} type(s) added`);
  if (config.SEED_DEMO_DATA) {
    console.log(`demo therapists: ${await seedDemoTherapists(prisma, config.PASSWORD_HASH_COST, new Date())} added`);
  }
  if (config.ADMIN_EMAIL && config.ADMIN_PASSWORD) {
    const outcome = await ensureAdmin(prisma, {
      email: config.ADMIN_EMAIL,
      password: config.ADMIN_PASSWORD,
      passwordCost: config.PASSWORD_HASH_COST,
    });
    console.log(`admin ${config.ADMIN_EMAIL}: ${outcome}`);
  } else {
    console.log('no ADMIN_EMAIL/ADMIN_PASSWORD: no admin created');
  }
} finally {
  await prisma.$disconnect();
}
