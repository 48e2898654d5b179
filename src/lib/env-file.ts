import { existsSync } from 'node:fs';

/**
 * Reads `.env` from the working directory into `process.env` when there is one, with Node's own parser (the
 * format `node --env-file` and docker compose read). A variable already in the environment wins, even when set
 * empty, so a shell, a container or a test can always override the file. Entry points call this before they
 * parse the configuration: the server, workers, and the db:* command-line scripts.
 */
export function loadEnvFileIfPresent(path = '.env'): boolean {
  if (!existsSync(path)) return false;
  process.loadEnvFile(path);
  return true;
}
