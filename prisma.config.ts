// Configuration for people who use the standard Prisma CLI (`prisma migrate deploy`, `prisma studio`).
// On machines that cannot download Prisma's schema engine, use `npm run db:migrate` / `npm run db:diff` instead:
// they drive the same migrations folder through Prisma's WebAssembly engine (see src/db/).
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: {
    path: 'prisma/migrations',
    seed: 'tsx src/db/seed-cli.ts',
  },
  datasource: {
    url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/kneadful',
  },
});
