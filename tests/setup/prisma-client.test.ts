// scripts/prisma-client.mjs, which every npm script that imports the Prisma client runs first: right after
// `npm ci` (no client yet) it generates one, after a schema or Prisma change it generates again, and otherwise it
// leaves the client alone so that a restart does not pay for `prisma generate`.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs script without type declarations
import { clientFingerprint, clientOutputDir, isClientCurrent, stampPath } from '../../scripts/prisma-client.mjs';
import { PROJECT_ROOT, runToEnd } from '../helpers/processes.ts';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A project folder with this project's schema and scripts, and its node_modules shared by a symlink. */
function projectCopy(): string {
  const root = mkdtempSync(join(tmpdir(), 'kneadful-client-'));
  roots.push(root);
  for (const file of ['package.json', 'prisma.config.ts', 'prisma/schema.prisma', 'scripts/prisma-client.mjs', 'scripts/prisma-offline.mjs']) {
    cpSync(join(PROJECT_ROOT, file), join(root, file), { recursive: true });
  }
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  return root;
}

/** A folder whose node_modules holds only the package.json files of prisma and @prisma/client at `version`. */
function fakeInstall(version: string, schema: string): string {
  const root = mkdtempSync(join(tmpdir(), 'kneadful-versions-'));
  roots.push(root);
  writeFileSync(join(root, 'package.json'), '{"name":"fixture","private":true}');
  mkdirSync(join(root, 'prisma'));
  writeFileSync(join(root, 'prisma', 'schema.prisma'), schema);
  for (const name of ['prisma', '@prisma/client']) {
    mkdirSync(join(root, 'node_modules', name), { recursive: true });
    writeFileSync(join(root, 'node_modules', name, 'package.json'), JSON.stringify({ name, version }));
  }
  return root;
}

const ensure = (root: string) =>
  runToEnd(process.execPath, [join(root, 'scripts', 'prisma-client.mjs')], { cwd: root, env: process.env, timeoutMs: 120_000 });
const generatedAnything = (run: { stdout: string; stderr: string }) => /Generated Prisma Client/.test(run.stdout + run.stderr);

describe('scripts/prisma-client.mjs', () => {
  it('skips a current client, and generates again once the schema has changed', () => {
    // The suite's own client (npm test made it current) stands in for one left by an earlier start.
    const root = projectCopy();
    cpSync(clientOutputDir(PROJECT_ROOT), clientOutputDir(root), { recursive: true });
    cpSync(stampPath(PROJECT_ROOT), stampPath(root));
    const client = join(clientOutputDir(root), 'client.ts');
    const copiedAt = statSync(client).mtimeMs;

    const unchanged = ensure(root);
    expect(unchanged.status, unchanged.stderr).toBe(0);
    expect(generatedAnything(unchanged)).toBe(false);
    expect(statSync(client).mtimeMs).toBe(copiedAt);

    const schema = join(root, 'prisma', 'schema.prisma');
    writeFileSync(schema, `${readFileSync(schema, 'utf8')}\n// an edit: the client may no longer match\n`);
    expect(isClientCurrent(root)).toBe(false);
    const edited = ensure(root);
    expect(edited.status, edited.stderr).toBe(0);
    expect(generatedAnything(edited)).toBe(true);
    expect(statSync(client).mtimeMs).not.toBe(copiedAt);
    expect(isClientCurrent(root)).toBe(true);
  }, 120_000);

  it('takes a missing client as stale: a fresh clone, or one whose client was deleted under its stamp', () => {
    const root = projectCopy();
    expect(isClientCurrent(root)).toBe(false);
    cpSync(stampPath(PROJECT_ROOT), stampPath(root));
    expect(isClientCurrent(root)).toBe(false);
    cpSync(clientOutputDir(PROJECT_ROOT), clientOutputDir(root), { recursive: true });
    expect(isClientCurrent(root)).toBe(true);
  });

  it('fingerprints the installed Prisma version, which `npm ci` can change without touching src/generated', () => {
    const schema = readFileSync(join(PROJECT_ROOT, 'prisma', 'schema.prisma'), 'utf8');
    const installed = clientFingerprint(fakeInstall('7.10.1', schema));
    expect(clientFingerprint(fakeInstall('7.10.1', schema))).toBe(installed);
    expect(clientFingerprint(fakeInstall('7.11.0', schema))).not.toBe(installed);
  });

  it('finds the client folder from the schema, so moving the output cannot leave the check looking elsewhere', () => {
    const root = fakeInstall('7.10.1', 'generator client {\n  provider = "prisma-client"\n  output   = "../lib/db"\n}\n');
    expect(clientOutputDir(root)).toBe(join(root, 'lib', 'db'));
    expect(stampPath(root)).toBe(join(root, 'lib', 'db.stamp'));
  });
});
