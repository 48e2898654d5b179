// Seeds a realistic practice for the benchmark with set-based SQL (seconds, not minutes): therapists in several
// time zones with verified credentials and hours (09:00-19:00 on weekdays, 10:00-16:00 on Saturdays), clients,
// and appointments that respect the no-overlap constraints (per therapist and per client), dense in the bookable
// future and growing into the past.
import pg from 'pg';

export const BENCH_ZONES = ['Europe/Berlin', 'America/New_York', 'Europe/London', 'Asia/Tokyo', 'Australia/Sydney'];
/**
 * Four sessions a weekday per therapist, at 10:00, 12:00, 14:00 and 16:00 local time: a busy practice with the
 * early evening and Saturdays still free, so slot searches have work to do.
 */
const SESSIONS_PER_DAY = 4;
const FUTURE_DAYS = 90;

export interface PracticeSize {
  therapists: number;
  clients: number;
}

export async function seedPractice(db: pg.Client, size: PracticeSize, passwordHash: string): Promise<void> {
  await db.query(
    `INSERT INTO "User" (id, email, "passwordHash", name, role, "createdAt", "updatedAt")
     SELECT 'bench-t-' || i, 'therapist' || i || '@bench.test', $1, 'Therapist ' || i, 'THERAPIST', now(), now()
     FROM generate_series(1, $2::int) AS i`,
    [passwordHash, size.therapists],
  );
  await db.query(
    `INSERT INTO "TherapistProfile" (id, "userId", bio, "timeZone", "bufferMinutes", "minNoticeMinutes", "horizonDays",
                                     "slotStepMinutes", "calendarToken", "createdAt", "updatedAt")
     SELECT 'bench-tp-' || i, 'bench-t-' || i, 'Benchmark therapist ' || i, ($2::text[])[1 + i % cardinality($2::text[])],
            15, 60, 120, 30, gen_random_uuid()::text, now(), now()
     FROM generate_series(1, $1::int) AS i`,
    [size.therapists, BENCH_ZONES],
  );
  // Everyone offers Swedish; each also offers two certified specialities in rotation.
  await db.query(
    `INSERT INTO "TherapistMassageType" ("therapistId", "massageTypeId")
     SELECT 'bench-tp-' || i, mt.id FROM generate_series(1, $1::int) AS i
     JOIN "MassageType" mt ON mt.slug = 'swedish'
        OR mt.slug = (ARRAY['deep-tissue','shiatsu','hot-stone','aromatherapy','prenatal','sports'])[1 + i % 6]
        OR mt.slug = (ARRAY['deep-tissue','shiatsu','hot-stone','aromatherapy','prenatal','sports'])[1 + (i + 3) % 6]`,
    [size.therapists],
  );
  await db.query(
    `INSERT INTO "Certification" (id, "therapistId", kind, issuer, number, "issuedOn", "expiresOn", status, "reviewedAt",
                                  "createdAt", "updatedAt")
     SELECT gen_random_uuid()::text, tm."therapistId", coalesce(mt."requiredCertification", 'licence'), 'Bench Board',
            'BENCH-' || tm."therapistId" || '-' || mt.slug, current_date - 700, current_date + 1000, 'VERIFIED', now(), now(), now()
     FROM "TherapistMassageType" tm JOIN "MassageType" mt ON mt.id = tm."massageTypeId"
     WHERE tm."therapistId" LIKE 'bench-tp-%'`,
  );
  await db.query(
    `INSERT INTO "WeeklyAvailability" (id, "therapistId", weekday, "startMinute", "endMinute")
     SELECT gen_random_uuid()::text, 'bench-tp-' || i, weekday,
            CASE WHEN weekday = 6 THEN 600 ELSE 540 END, CASE WHEN weekday = 6 THEN 960 ELSE 1140 END
     FROM generate_series(1, $1::int) AS i CROSS JOIN generate_series(1, 6) AS weekday`,
    [size.therapists],
  );
  await db.query(
    `INSERT INTO "User" (id, email, "passwordHash", name, role, "createdAt", "updatedAt")
     SELECT 'bench-c-' || i, 'client' || i || '@bench.test', $1, 'Client ' || i, 'CLIENT', now(), now()
     FROM generate_series(1, $2::int) AS i`,
    [passwordHash, size.clients],
  );
}

/**
 * Replaces all appointments with `count` rows: the next 90 days are as busy as a real practice (four sessions a
 * weekday per therapist) and any further rows extend the history backwards, the way a database grows with time.
 * A client at session k of a day with therapist t is client (t + therapists * k) mod clients, so no client is
 * ever in two places at once.
 *
 * Bulk loading, as one would restore a dump: in one transaction, the table's foreign keys, exclusion constraints
 * and secondary indexes are dropped, the rows inserted, and every one of them re-created from the definitions the
 * catalogue gave before (so the schema is exactly the migrated one again, and every row is checked against every
 * constraint when it is re-added). Measured on two cores with 1,000,000 rows: 8 s to insert, under 1 s per b-tree,
 * about 2 minutes for each exclusion constraint (each row is still checked against the GiST index, where every
 * entry of a visited page is compared), 3.4 minutes in all against 4.6 minutes for inserting into the indexed
 * table. Then the database is settled (see `settle`), so that the measurement that follows does not pay for the
 * bulk load.
 */
export async function replaceAppointments(db: pg.Client, count: number, size: PracticeSize): Promise<number> {
  const perWeekdayAcrossPractice = size.therapists * SESSIONS_PER_DAY;
  const daysNeeded = Math.ceil((count / perWeekdayAcrossPractice) * (7 / 5)) + 7;
  const firstDay = Math.min(-1, FUTURE_DAYS - daysNeeded);
  await db.query('BEGIN');
  let inserted: number;
  try {
    await db.query("SET LOCAL maintenance_work_mem = '256MB'");
    await db.query('TRUNCATE "Review", "Appointment" CASCADE');
    const restore = await dropConstraintsAndIndexes(db, 'Appointment');
    const result = await db.query(
      `WITH slots AS (
         SELECT t.i AS therapist, d AS day, k AS session, tp."timeZone" AS zone,
                ((date_trunc('day', now() AT TIME ZONE tp."timeZone") + d * interval '1 day' + (10 + 2 * k) * interval '1 hour')
                   AT TIME ZONE tp."timeZone") AS starts_at
         FROM generate_series(1, $1::int) AS t(i)
         JOIN "TherapistProfile" tp ON tp.id = 'bench-tp-' || t.i
         CROSS JOIN generate_series($2::int, $3::int) AS d
         CROSS JOIN generate_series(0, ${SESSIONS_PER_DAY - 1}) AS k
       ), weekday_slots AS (
         SELECT * FROM slots WHERE extract(isodow FROM starts_at AT TIME ZONE zone) <= 5
         ORDER BY day DESC, therapist, session
         LIMIT $4::int
       )
       INSERT INTO "Appointment" (id, "clientId", "therapistId", "massageTypeId", "durationMinutes", "startsAt", "endsAt",
                                  "blockedUntil", status, "priceCents", currency, "createdAt", "updatedAt")
       SELECT gen_random_uuid()::text,
              'bench-c-' || (1 + (therapist + $1::int * session) % $5::int),
              'bench-tp-' || therapist,
              (SELECT id FROM "MassageType" WHERE slug = 'swedish'),
              60, starts_at, starts_at + interval '60 minutes', starts_at + interval '75 minutes',
              (CASE WHEN starts_at < now() THEN 'COMPLETED' WHEN session % 2 = 0 THEN 'CONFIRMED' ELSE 'PENDING' END)::"AppointmentStatus",
              7000, 'EUR', now(), now()
       FROM weekday_slots`,
      [size.therapists, firstDay, FUTURE_DAYS, count, size.clients],
    );
    inserted = result.rowCount ?? 0;
    for (const statement of restore) await db.query(statement);
    await db.query('COMMIT');
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  }
  await settle(db);
  return inserted;
}

/**
 * Drops the foreign keys, exclusion and unique constraints and the secondary indexes of `table` (not its primary
 * key, which other tables' foreign keys need) and returns the statements that re-create each one as it was.
 */
async function dropConstraintsAndIndexes(db: pg.Client, table: string): Promise<string[]> {
  const name = pg.escapeIdentifier(table);
  const constraints = await db.query<{ name: string; definition: string }>(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
     WHERE conrelid = $1::regclass AND contype IN ('f', 'x', 'u') ORDER BY conname`,
    [name],
  );
  const indexes = await db.query<{ name: string; definition: string }>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
     FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
     WHERE i.indrelid = $1::regclass
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid)
     ORDER BY c.relname`,
    [name],
  );
  for (const constraint of constraints.rows) {
    await db.query(`ALTER TABLE ${name} DROP CONSTRAINT ${pg.escapeIdentifier(constraint.name)}`);
  }
  for (const index of indexes.rows) await db.query(`DROP INDEX ${pg.escapeIdentifier(index.name)}`);
  return [
    ...indexes.rows.map((index) => index.definition),
    ...constraints.rows.map(
      (constraint) => `ALTER TABLE ${name} ADD CONSTRAINT ${pg.escapeIdentifier(constraint.name)} ${constraint.definition}`,
    ),
  ];
}

/**
 * Leaves the database as one at rest would be: VACUUM sets hint bits and the visibility map (so index-only scans
 * need no visit to the table), ANALYZE gives the planner current statistics, and a checkpoint writes the bulk
 * load's dirty buffers now rather than during the measurement. A server with autovacuum on would do the first two
 * by itself within a minute or so (the machine these figures come from runs with it off). The checkpoint needs a
 * superuser or pg_checkpoint.
 */
export async function settle(db: pg.Client): Promise<void> {
  await db.query('VACUUM (ANALYZE)');
  try {
    await db.query('CHECKPOINT');
  } catch {
    // Without the privilege the checkpoint comes on its own schedule; the measurement may then share the disk.
  }
}
