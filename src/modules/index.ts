import type { FastifyInstance } from 'fastify';
import operationsRoutes from './operations/operations.routes.ts';
import authRoutes from './auth/auth.routes.ts';
import massageTypeRoutes from './massage-types/massage-types.routes.ts';
import screeningRoutes from './screening/screening.routes.ts';

/** Every domain's routes. One line per module; order does not matter. */
export async function registerModules(app: FastifyInstance): Promise<void> {
  await app.register(operationsRoutes);
  await app.register(authRoutes);
  await app.register(massageTypeRoutes);
  await app.register(screeningRoutes);
}
