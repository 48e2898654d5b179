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

/**
 * pg-boss 10 fetches a batch at most once per polling interval, so a batch per half second of 100 messages caps a
 * process at 200 messages/s; within a batch, 25 are sent at once (SMTP waits on the network, not the CPU).
 */
const MESSAGE_BATCH = 100;
const MESSAGES_AT_ONCE = 25;
const RELAY_BATCH = 100;

export async function startBackgroundWork(options: BackgroundWorkOptions): Promise<BackgroundWork> {
  const { core, log } = options;
  const idle = options.idleMilliseconds ?? 250;
  const queue = await startJobQueue({
    databaseUrl: options.databaseUrl,
    poolSize: options.queuePoolSize,
    jobTimeoutSeconds: core.config.WORKER_JOB_TIMEOUT_SECONDS,
    onError: (error) => log.warn({ err: { message: error.message } }, 'job queue error'),
  });
  const jobs = createNotificationJobs({
    prisma: core.prisma,
    clock: core.clock,
    transport: options.transport,
    config: core.config,
  });
  const polling = { pollingIntervalSeconds: 0.5, includeMetadata: true } as const;
  await queue.boss.work<{ notificationId: string }>(
    QUEUES.sendMessage.name,
    { ...polling, batchSize: MESSAGE_BATCH },
    async (batch) => {
      // A batch completes as a whole in pg-boss, so each failed job is failed on its own first (it is then
      // retried alone); completing the batch leaves those alone, as it only completes jobs still active.
      for (let start = 0; start < batch.length; start += MESSAGES_AT_ONCE) {
        await Promise.all(
          batch.slice(start, start + MESSAGES_AT_ONCE).map(async (job) => {
            try {
              await jobs.sendMessage(job.data, job);
            } catch (error) {
              await queue.boss.fail(QUEUES.sendMessage.name, job.id, { message: String((error as Error).message) });
            }
          }),
        );
      }
    },
  );
  await queue.boss.work<{ appointmentId: string }>(QUEUES.expirePending.name, { ...polling, batchSize: 1 }, async ([job]) => {
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
