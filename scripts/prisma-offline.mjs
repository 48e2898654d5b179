#!/usr/bin/env node
// Runs a Prisma CLI command (generate, validate, format) on machines that cannot reach Prisma's binary CDN.
// These commands refuse to start unless PRISMA_SCHEMA_ENGINE_BINARY names an executable, yet never run it, so we
// point it at a stub that exits 1. Where the variable is already set (or the engine was downloaded), it is kept.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Runs `prisma ...args` from `cwd` and returns its exit status. */
export function runPrismaOffline(args, { cwd = process.cwd() } = {}) {
  const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
  if (!env.PRISMA_SCHEMA_ENGINE_BINARY) {
    const stubDir = join(tmpdir(), 'kneadful-prisma-stub');
    const stub = join(stubDir, 'schema-engine-stub');
    if (!existsSync(stub)) {
      mkdirSync(stubDir, { recursive: true });
      writeFileSync(stub, '#!/bin/sh\necho "schema engine binary is not available offline; use npm run db:migrate" >&2\nexit 1\n');
      chmodSync(stub, 0o755);
    }
    env.PRISMA_SCHEMA_ENGINE_BINARY = stub;
  }
  const result = spawnSync('npx', ['--no-install', 'prisma', ...args], { stdio: 'inherit', env, cwd });
  return result.status ?? 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exit(runPrismaOffline(process.argv.slice(2)));
}
