import { describe, expect, it } from 'vitest';
import {
  averageRating,
  canEditReview,
  firstNameOf,
  normalizeComment,
  reviewEditableUntil,
  reviewRefusal,
} from '../../src/modules/reviews/reviews.rules.ts';

const clientId = 'client-1';

describe('reviewRefusal', () => {
  it('lets the client review their completed appointment once', () => {
    expect(reviewRefusal({ clientId, status: 'COMPLETED' }, false, clientId)).toBeNull();
  });

  it('answers not-found to anyone but the appointment’s client, whatever its state', () => {
    expect(reviewRefusal({ clientId, status: 'COMPLETED' }, false, 'someone-else')).toEqual({
      code: 'appointment-not-found',
    });
    expect(reviewRefusal({ clientId, status: 'PENDING' }, true, 'someone-else')).toEqual({
      code: 'appointment-not-found',
    });
    expect(reviewRefusal(null, false, clientId)).toEqual({ code: 'appointment-not-found' });
  });

  it('refuses every state but COMPLETED, naming it', () => {
    for (const status of ['PENDING', 'CONFIRMED', 'NO_SHOW', 'CANCELLED'] as const) {
      expect(reviewRefusal({ clientId, status }, false, clientId)).toEqual({
        code: 'appointment-not-completed',
        currentStatus: status,
      });
    }
  });

  it('refuses a second review', () => {
    expect(reviewRefusal({ clientId, status: 'COMPLETED' }, true, clientId)).toEqual({ code: 'review-exists' });
  });
});

describe('edit window', () => {
  const createdAt = new Date('2026-03-25T10:00:00Z');

  it('ends exactly 7 × 24 hours after the review, even across a DST change (Europe, 2026-03-29)', () => {
    expect(reviewEditableUntil(createdAt).toISOString()).toBe('2026-04-01T10:00:00.000Z');
  });

  it('accepts edits until just before the end and refuses them from then on', () => {
    expect(canEditReview(createdAt, createdAt)).toBe(true);
    expect(canEditReview(createdAt, new Date('2026-04-01T09:59:59.999Z'))).toBe(true);
    expect(canEditReview(createdAt, new Date('2026-04-01T10:00:00.000Z'))).toBe(false);
    expect(canEditReview(createdAt, new Date('2026-05-01T10:00:00.000Z'))).toBe(false);
  });
});

describe('normalizeComment', () => {
  it('trims, and turns blank or missing comments into null', () => {
    expect(normalizeComment('  Lovely session.\n')).toBe('Lovely session.');
    expect(normalizeComment('   ')).toBeNull();
    expect(normalizeComment('')).toBeNull();
    expect(normalizeComment(null)).toBeNull();
    expect(normalizeComment(undefined)).toBeNull();
  });
});

describe('averageRating', () => {
  it('is null with no ratings', () => {
    expect(averageRating(0, 0)).toBeNull();
  });

  it('rounds to two decimals, half up, as ROUND(AVG(...), 2) does in PostgreSQL', () => {
    expect(averageRating(13, 3)).toBe(4.33); // 5, 4, 4
    expect(averageRating(14, 3)).toBe(4.67); // 5, 5, 4
    expect(averageRating(33, 8)).toBe(4.13); // 4.125
    expect(averageRating(9, 2)).toBe(4.5);
    expect(averageRating(5, 1)).toBe(5);
    expect(averageRating(1, 3)).toBe(0.33);
  });
});

describe('firstNameOf', () => {
  it('keeps only the first word of the name', () => {
    expect(firstNameOf('Mary Ann Smith')).toBe('Mary');
    expect(firstNameOf('  Robin  ')).toBe('Robin');
    expect(firstNameOf('Zoë\tMüller')).toBe('Zoë');
  });
});
