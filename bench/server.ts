// The benchmark's server process: the real app, configured from the environment like any instance, plus one bare
// "ceiling" route that runs a trivial query through the same Prisma client, so every scenario can be read as a
// fraction of what the stack itself allows.
import { buildApp } from '../src/app.ts';
import { parseConfig } from '../src/config.ts';

const config = parseConfig({ ...process.env, LOG_LEVEL: 'silent' });
const app = await buildApp({ config });
app.get('/__bench/ceiling', { schema: { hide: true } }, async () => {
  await app.prisma.$queryRaw`SELECT 1`;
  return { ok: true };
});
await app.listen({ host: '127.0.0.1', port: config.PORT });
process.stdout.write(`listening ${config.PORT}\n`);
const stop = async () => {
  await app.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
