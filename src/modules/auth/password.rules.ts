import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

// zxcvbn-ts rather than a shipped top-10k list (measured on this machine, Node 20): a list lookup costs about a
// microsecond but catches only exact entries, while zxcvbn also catches `password12`, `iloveyou12`, `aaaaaaaaaa`,
// `abcdefghij`, `qwertyuiop` and passwords built from the user's own name or email. It costs 0.7 ms for a typical
// 21-character passphrase and at most about 10 ms for the 200-character maximum, once per registration (which is
// rate limited), 3.7 MB on disk (core and the common dictionaries; no English word list) and ~50 ms once at load.
const estimator = new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;
/** zxcvbn's 0–4 scale: 3 is "safely unguessable" (about 10^8 guesses or more), the level its authors suggest. */
export const MIN_PASSWORD_SCORE = 3;

export interface PasswordOwner {
  email: string;
  name: string;
}

/** zxcvbn's warning keys, in the words a person registering reads after "password". */
const reasonByWarning: Record<string, string> = {
  topTen: 'is one of the most commonly used passwords',
  topHundred: 'is one of the most commonly used passwords',
  common: 'is one of the most commonly used passwords',
  pwned: 'is one of the most commonly used passwords',
  similarToCommon: 'is a commonly used password with small changes',
  simpleRepeat: 'is a repeated pattern (such as aaaa or abcabc)',
  extendedRepeat: 'is a repeated pattern (such as aaaa or abcabc)',
  sequences: 'is a sequence (such as abcd or 6543)',
  straightRow: 'is a keyboard pattern (such as qwerty)',
  keyPattern: 'is a keyboard pattern (such as qwerty)',
  recentYears: 'is mostly a date or a year',
  dates: 'is mostly a date or a year',
  wordByItself: 'is a single common word or name',
  namesByThemselves: 'is a single common word or name',
  commonNames: 'is a single common word or name',
  userInputs: 'is built from your name, your email address or the name of this service',
};
const TOO_GUESSABLE = 'is too easy to guess: use a few unrelated words or a longer phrase';

// Letters and digits only: `Casey.Client!` is still the name.
const comparable = (text: string) => text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/**
 * Why a new password is refused, or null when it is acceptable. The one rule for every place a password is set
 * (registration now; reset and change later), so the message is the same everywhere.
 *
 * passwordProblem('          ', owner)            → 'must not be only spaces'
 * passwordProblem('password12', owner)            → 'is one of the most commonly used passwords'
 * passwordProblem('sam@example.com', { email: 'sam@example.com', … }) → 'must not be your email address or name'
 */
export function passwordProblem(password: string, owner: PasswordOwner): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `must be at most ${MAX_PASSWORD_LENGTH} characters`;
  if (password.trim() === '') return 'must not be only spaces';

  const email = owner.email.trim().toLowerCase();
  const localPart = email.split('@')[0] ?? email;
  const candidate = comparable(password);
  if ([email, localPart, owner.name].map(comparable).filter(Boolean).includes(candidate)) {
    return 'must not be your email address or name';
  }

  // The owner's own words count as a dictionary: `casey-client-2026` is weak for Casey Client.
  const userInputs = [email, ...email.split(/[^a-z0-9]+/), ...owner.name.toLowerCase().split(/\s+/), 'kneadful'];
  const result = estimator.check(password, userInputs.filter((word) => word.length >= 3));
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  return reasonByWarning[result.feedback.warning ?? ''] ?? TOO_GUESSABLE;
}
