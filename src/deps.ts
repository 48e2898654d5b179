// The dependencies services are built from. Kept apart from the HTTP app so that the server, a worker process and
// scripts can all build services without importing Fastify, and so each service can say exactly what it uses.
import type { AppConfig } from './config.ts';
import type { PrismaClient } from './generated/prisma/client.ts';
import type { Clock } from './lib/clock.ts';

export interface CoreDependencies {
  prisma: PrismaClient;
  clock: Clock;
  config: AppConfig;
}

/**
 * A service's slice of the core: the parts it uses and, when it reads configuration, only those keys. A service
 * whose slice names `config: ['CANCELLATION_WINDOW_HOURS']` cannot read the JWT secret by accident.
 */
export type DependenciesOf<
  Parts extends Exclude<keyof CoreDependencies, 'config'>,
  ConfigKeys extends keyof AppConfig = never,
> = Pick<CoreDependencies, Parts> & ([ConfigKeys] extends [never] ? unknown : { config: Pick<AppConfig, ConfigKeys> });
