import { ConfigError, parseConfig } from '../../src/config.ts';

/** The problems parseConfig reports for `env`; none when it parses. */
export function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}
