// The durable job queue: pg-boss 10 on the service's own PostgreSQL (the embedded PGlite included), chosen over
// graphile-worker 0.16 by measurement on Node 20 and 24 (see the commit that added it): a worker killed mid-job
// has its job re-run after the job's expiry instead of staying locked for hours, it runs on PGlite unchanged,
// and it has retries with backoff and a failed state. Jobs are delivered at least once; every handler is
// idempotent by the row it works on (a message's log row, an appointment's version).
import PgBoss from 'pg-boss';
import { poolConfigFromUrl } from '../db/connection.ts';

/** Every queue the service uses, with its retry policy. */
export const QUEUES = {
  /** One message (its log row's id): SMTP fails transiently, so retry with doubling delays for about 20 minutes. */
  sendMessage: { name: 'send-message', retryLimit: 8, retryDelay: 5, retryBackoff: true },
  /** A PENDING booking nobody confirmed in time. */
  expirePending: { name: 'expire-pending', retryLimit: 5, retryDelay: 10, retryBackoff: true },
} as const satisfies Record<string, PgBoss.Queue>;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES]['name'];

export interface JobQueueSettings {
  databaseUrl: string;
  /** Connections of the queue's own pool: small, the embedded database serves few. */
  poolSize: number;
  /** Whether this process may install or migrate the queue's schema (any number may; it takes a lock). */
  migrate?: boolean;
  /**
   * How long a worker may hold a job before it is taken to have died and the job goes to another: the crash
   * recovery time. Above the slowest send (the mail transport gives up after 30 s).
   */
  jobTimeoutSeconds: number;
  onError(error: Error): void;
}

/** A job to add, and when it may run. */
export interface NewJob {
  queue: QueueName;
  data: object;
  startAfter?: Date;
}

/** A SQL executor inside the caller's transaction, so a job exists exactly when the caller's change commits. */
export type SqlExecutor = PgBoss.Db;

export interface JobQueue {
  readonly boss: PgBoss;
  /** Adds jobs through `executor`, in the caller's transaction. */
  add(executor: SqlExecutor, jobs: readonly NewJob[]): Promise<void>;
  stop(): Promise<void>;
}

export async function startJobQueue(settings: JobQueueSettings): Promise<JobQueue> {
  const { host, port, user, password, database, ssl } = poolConfigFromUrl(settings.databaseUrl);
  const boss = new PgBoss({
    host,
    port,
    user,
    database,
    ssl,
    ...(typeof password === 'string' ? { password } : {}),
    max: settings.poolSize,
    schema: 'pgboss',
    migrate: settings.migrate ?? true,
    // Maintenance is what fails the jobs of a dead worker, so it runs at least as often as they time out.
    maintenanceIntervalSeconds: Math.max(1, Math.min(60, settings.jobTimeoutSeconds)),
    application_name: 'kneadful-jobs',
  });
  boss.on('error', settings.onError);
  await boss.start();
  for (const queue of Object.values(QUEUES)) {
    const { name, ...retries } = queue;
    const policy = { ...retries, expireInSeconds: settings.jobTimeoutSeconds };
    // createQueue is not an upsert in pg-boss 10: create once, then keep the policy current.
    if (await boss.getQueue(name)) await boss.updateQueue(name, { name, ...policy, policy: 'standard' });
    else await boss.createQueue(name, { name, ...policy, policy: 'standard' });
  }
  return {
    boss,
    async add(executor, jobs) {
      if (jobs.length === 0) return;
      // The queue keeps a job for its retention counted from its start time, so a due time already past (a
      // reminder planned late, a test's clock behind the real one) is given as "now": pg-boss would otherwise
      // archive the job unrun once that retention, counted from the past, had run out.
      const now = Date.now();
      await boss.insert(
        jobs.map((job) => ({
          name: job.queue,
          data: job.data,
          ...(job.startAfter && job.startAfter.getTime() > now ? { startAfter: job.startAfter } : {}),
        })),
        { db: executor },
      );
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
