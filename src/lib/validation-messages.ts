import { z } from 'zod';

// zod's own wording is written for developers ("Invalid input: expected string, received undefined"). These are
// written for the person filling in a form: what the value must be, in a few words that follow the field's path
// (`body.email: is required`). A message a schema states itself (`must be an IANA time zone…`) still wins.

const kinds: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  date: 'a date',
};

const units: Record<string, [one: string, many: string]> = {
  string: ['character', 'characters'],
  array: ['item', 'items'],
  set: ['item', 'items'],
};

function count(origin: string, amount: number | bigint): string {
  const unit = units[origin];
  return unit ? `${amount} ${amount === 1 || amount === 1n ? unit[0] : unit[1]}` : String(amount);
}

function listOf(values: readonly unknown[]): string {
  return values.map((value) => (typeof value === 'string' ? value : JSON.stringify(value))).join(', ');
}

/** The message for one zod issue, or undefined to keep zod's (for issue kinds not worded here). */
export function readableIssueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${kinds[issue.expected] ?? issue.expected}`;
    case 'too_small': {
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'must not be empty';
      const bound = count(issue.origin, issue.minimum);
      if (issue.exact) return `must be exactly ${bound}`;
      return issue.inclusive === false ? `must be more than ${bound}` : `must be at least ${bound}`;
    }
    case 'too_big': {
      const bound = count(issue.origin, issue.maximum);
      if (issue.exact) return `must be exactly ${bound}`;
      return issue.inclusive === false ? `must be less than ${bound}` : `must be at most ${bound}`;
    }
    case 'invalid_value':
      return issue.values.length === 1 ? `must be ${listOf(issue.values)}` : `must be one of: ${listOf(issue.values)}`;
    case 'invalid_format':
      if (issue.format === 'email') return 'must be an email address';
      if (issue.format === 'datetime') return 'must be an ISO 8601 instant with an offset, e.g. 2026-12-01T09:00:00Z';
      if (issue.format === 'regex') return 'is not in the expected format';
      return `must be a valid ${issue.format}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'unrecognized_keys':
      return `${issue.keys.length === 1 ? 'is not a known field' : 'are not known fields'}: ${issue.keys.join(', ')}`;
    case 'invalid_union':
      return 'does not match any accepted form';
    default:
      return undefined;
  }
}

/** Installs the wording process-wide; zod keeps one configuration, so this is idempotent. */
export function useReadableValidationMessages(): void {
  z.config({ customError: readableIssueMessage });
}
