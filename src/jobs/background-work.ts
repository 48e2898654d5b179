// Everything a worker process does, startable from the API server (WORKERS=true, the default) or alone
// (`npm run worker`): the outbox relay, and the queue's handlers for messages and pending expiry. Any number of
// processes may run it against one database: the relay takes disjoint batches, the queue hands each job to one.
import type { CoreDependencies } from '../deps.ts';
import type { MailTransport } from '../modules/messages/mail-transport.ts';
import { createNotificationJobs } from '../modules/notifications/notification.jobs.ts';
import { relayOutbox } from '../modules/notifications/outbox-relay.ts';
import { QUEUES, startJobQueue } from './job-queue.ts';

export interface BackgroundWorkOptions {
  core: CoreDependencies;
  databaseUrl: string;
  transport: MailTransport;
  /** Connections of the queue's pool (the embedded database wants 1). */
  queuePoolSize: number;
  log: { info(message: string): void; warn(details: object, message: string): void };
  /** How long the relay rests when the outbox is empty. */
  idleMilliseconds?: number;
}

export interface BackgroundWork {
  /** Resolves when no unpublished event is left that existed when it was called (tests wait on it). */
  drainOutbox(): Promise<void>;
  stop(): Promise<void>;
}

/** Jobs each process works on at once per queue: SMTP waits on the network, not on the CPU. */
const CONCURRENT_MESSAGE_JOBS = 4;
const RELAY_BATCH = 100;

export async function startBackgroundWork(options: BackgroundWorkOptions): Promise<BackgroundWork> {
  const { core, log } = options;
  const idle = options.idleMilliseconds ?? 250;
  const queue = await startJobQueue({
    databaseUrl: options.databaseUrl,
    poolSize: options.queuePoolSize,
    onError: (error) => log.warn({ err: { message: error.message } }, 'job queue error'),
  });
  const jobs = createNotificationJobs({
    prisma: core.prisma,
    clock: core.clock,
    transport: options.transport,
    config: core.config,
  });
  const polling = { batchSize: 1, pollingIntervalSeconds: 0.5, includeMetadata: true } as const;
  for (let i = 0; i < CONCURRENT_MESSAGE_JOBS; i++) {
    await queue.boss.work<{ notificationId: string }>(QUEUES.sendMessage.name, polling, async ([job]) => {
      if (job) await jobs.sendMessage(job.data, job);
    });
  }
  await queue.boss.work<{ appointmentId: string }>(QUEUES.expirePending.name, polling, async ([job]) => {
    if (job) await jobs.expirePending(job.data);
  });

  let stopping = false;
  let wake: (() => void) | undefined;
  const relayOnce = () => relayOutbox({ prisma: core.prisma, queue, clock: core.clock, config: core.config }, RELAY_BATCH);
  const relayLoop = (async () => {
    while (!stopping) {
      let published = 0;
      try {
        published = await relayOnce();
      } catch (error) {
        log.warn({ err: { message: (error as Error).message } }, 'outbox relay failed; retrying');
      }
      if (published < RELAY_BATCH && !stopping) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, idle).unref();
        });
      }
    }
  })();
  log.info('background workers started');

  return {
    async drainOutbox() {
      while ((await relayOnce()) > 0) {
        // keep publishing until nothing is left
      }
    },
    async stop() {
      stopping = true;
      wake?.();
      await relayLoop;
      await queue.stop();
      await options.transport.close();
    },
  };
}
