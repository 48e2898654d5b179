#!/usr/bin/env node
// Makes sure src/generated/ holds a Prisma client generated from the current prisma/schema.prisma by the installed
// Prisma, and generates one only when it does not: every npm script that imports the client runs this first, and
// `prisma generate` costs seconds that a restart with an unchanged schema should not pay. `--force` always
// generates (npm run db:generate).
//
// What "current" means: a stamp file next to the client holds a hash of the schema and of the prisma and
// @prisma/client versions it was generated with. `npm ci` can change either version without touching
// src/generated/, and an edited schema changes the hash, so both make the client stale.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPrismaOffline } from './prisma-offline.mjs';

const SCHEMA = join('prisma', 'schema.prisma');

/** The project root this script belongs to: its parent folder. */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function installedVersion(root, name) {
  const require = createRequire(join(root, 'package.json'));
  try {
    return JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;
  } catch {
    return 'not installed';
  }
}

/** The client's folder, from the `output` of the schema's `generator client` block (relative to the schema). */
export function clientOutputDir(root, schemaText = readFileSync(join(root, SCHEMA), 'utf8')) {
  const block = /generator\s+client\s*\{([^}]*)\}/.exec(schemaText)?.[1] ?? '';
  const output = /^\s*output\s*=\s*"([^"]+)"/m.exec(block)?.[1];
  if (!output) throw new Error(`${SCHEMA} has no output in its generator client block`);
  return resolve(root, dirname(SCHEMA), output);
}

/** What the client was generated from; another value means it must be generated again. */
export function clientFingerprint(root) {
  const schema = readFileSync(join(root, SCHEMA));
  return createHash('sha256')
    .update(schema)
    .update(`\0prisma@${installedVersion(root, 'prisma')}\0@prisma/client@${installedVersion(root, '@prisma/client')}`)
    .digest('hex');
}

/** The stamp sits beside the client's folder, not in it, because `prisma generate` rewrites that folder. */
export function stampPath(root) {
  const output = clientOutputDir(root);
  return join(dirname(output), `${output.split(/[\\/]/).pop()}.stamp`);
}

/** True when the client exists and its stamp matches the schema and Prisma versions installed now. */
export function isClientCurrent(root) {
  const stamp = stampPath(root);
  if (!existsSync(join(clientOutputDir(root), 'client.ts')) || !existsSync(stamp)) return false;
  return readFileSync(stamp, 'utf8').trim() === clientFingerprint(root);
}

/** Generates the client unless it is current (or always, with `force`); returns what it did. */
export function ensurePrismaClient(root = PROJECT_ROOT, { force = false } = {}) {
  if (!force && isClientCurrent(root)) return 'current';
  const stamp = stampPath(root);
  // Without its stamp an interrupted generate is seen as stale next time, never as current.
  rmSync(stamp, { force: true });
  const fingerprint = clientFingerprint(root);
  const status = runPrismaOffline(['generate', '--no-hints'], { cwd: root });
  if (status !== 0) throw new Error(`prisma generate failed (exit ${status})`);
  writeFileSync(stamp, `${fingerprint}\n`);
  return 'generated';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    ensurePrismaClient(PROJECT_ROOT, { force: process.argv.includes('--force') });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
