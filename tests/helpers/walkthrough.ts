// The README's walk-through, as the shell commands a newcomer would paste: the server command (with the
// variables it sets) and the client-side steps, split where the after-the-session part begins.

export const WALKTHROUGH_START = '<!-- walkthrough:start -->';
export const WALKTHROUGH_AFTER_SESSION = '<!-- walkthrough:after-session -->';
export const WALKTHROUGH_END = '<!-- walkthrough:end -->';

export interface Walkthrough {
  /** Variables the README's `... npm start` line sets. */
  serverEnv: Record<string, string>;
  /** The steps that succeed right away, in order. */
  steps: string;
  /** The steps shown for after the session, which answer 409 until its start has passed. */
  afterSession: string;
}

function shellBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
}

/** Parses `A=1 B='two words' npm start` into { A: '1', B: 'two words' }. */
function assignmentsBefore(command: string, program: string): Record<string, string> {
  const prefix = command.slice(0, command.lastIndexOf(program));
  const env: Record<string, string> = {};
  for (const match of prefix.matchAll(/([A-Z_][A-Z0-9_]*)=('([^']*)'|"([^"]*)"|(\S*))/g)) {
    env[match[1]!] = match[3] ?? match[4] ?? match[5] ?? '';
  }
  return env;
}

export function readWalkthrough(readme: string): Walkthrough {
  const start = readme.indexOf(WALKTHROUGH_START);
  const after = readme.indexOf(WALKTHROUGH_AFTER_SESSION);
  const end = readme.indexOf(WALKTHROUGH_END);
  if (start === -1 || after < start || end < after) {
    throw new Error(`README.md must hold ${WALKTHROUGH_START}, ${WALKTHROUGH_AFTER_SESSION} and ${WALKTHROUGH_END} in order`);
  }
  const [server, ...steps] = shellBlocks(readme.slice(start, after));
  if (!server || !/npm start\s*$/.test(server.trim())) {
    throw new Error('the walk-through must open with the `... npm start` command that starts the server');
  }
  return {
    serverEnv: assignmentsBefore(server.trim(), 'npm start'),
    steps: steps.join('\n'),
    afterSession: shellBlocks(readme.slice(after, end)).join('\n'),
  };
}
