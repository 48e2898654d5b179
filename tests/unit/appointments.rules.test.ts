import { describe, expect, it } from 'vitest';
import {
  TRANSITIONS,
  bookingFingerprint,
  decideTransition,
  missingConfirmations,
  priceFor,
  type Actor,
  type AppointmentAction,
  type AppointmentStatus,
  type Participant,
} from '../../src/modules/appointments/appointments.rules.ts';
import { APPOINTMENT_STATUSES } from '../../src/modules/appointments/appointment-status.ts';
import { isLateCancellationBy, mayReschedule } from '../../src/modules/appointments/cancellation.rules.ts';

const STARTS_AT = new Date('2026-12-02T09:00:00.000Z');
const BEFORE = new Date('2026-12-02T08:59:59.999Z');
const AT_START = STARTS_AT;
const AFTER = new Date('2026-12-02T10:30:00.000Z');

function decide(action: AppointmentAction, status: AppointmentStatus, by: Actor, now: Date) {
  return decideTransition({ action, status, by, startsAt: STARTS_AT, now });
}

describe('decideTransition: the allowed moves', () => {
  it.each([
    ['confirm', 'PENDING', 'therapist', BEFORE, 'CONFIRMED'],
    ['confirm', 'PENDING', 'therapist', AFTER, 'CONFIRMED'],
    ['cancel', 'PENDING', 'client', BEFORE, 'CANCELLED'],
    ['cancel', 'PENDING', 'therapist', BEFORE, 'CANCELLED'],
    ['cancel', 'CONFIRMED', 'client', BEFORE, 'CANCELLED'],
    ['cancel', 'CONFIRMED', 'therapist', BEFORE, 'CANCELLED'],
    ['reschedule', 'PENDING', 'client', BEFORE, 'PENDING'],
    ['reschedule', 'CONFIRMED', 'client', BEFORE, 'PENDING'],
    ['complete', 'CONFIRMED', 'therapist', AT_START, 'COMPLETED'],
    ['complete', 'CONFIRMED', 'therapist', AFTER, 'COMPLETED'],
    ['no-show', 'CONFIRMED', 'therapist', AT_START, 'NO_SHOW'],
    ['no-show', 'CONFIRMED', 'therapist', AFTER, 'NO_SHOW'],
    ['expire', 'PENDING', 'system', BEFORE, 'CANCELLED'],
    ['expire', 'PENDING', 'system', AFTER, 'CANCELLED'],
  ] as const)('%s from %s by the %s at %s → %s', (action, status, by, now, to) => {
    expect(decide(action, status, by, now)).toEqual({ ok: true, from: status, to });
  });
});

describe('decideTransition: refusals', () => {
  it('lets only the service expire a booking, and no one else act as the service', () => {
    expect(decide('expire', 'PENDING', 'client', BEFORE)).toEqual({ ok: false, reason: 'wrong-participant' });
    expect(decide('expire', 'PENDING', 'therapist', BEFORE)).toEqual({ ok: false, reason: 'wrong-participant' });
    expect(decide('cancel', 'PENDING', 'system', BEFORE)).toEqual({ ok: false, reason: 'wrong-participant' });
    expect(decide('expire', 'CONFIRMED', 'system', BEFORE)).toEqual({ ok: false, reason: 'invalid-transition' });
  });

  it('refuses the wrong participant before looking at the state', () => {
    expect(decide('confirm', 'CANCELLED', 'client', BEFORE)).toEqual({ ok: false, reason: 'wrong-participant' });
    expect(decide('reschedule', 'PENDING', 'therapist', BEFORE)).toEqual({ ok: false, reason: 'wrong-participant' });
    expect(decide('complete', 'CONFIRMED', 'client', AFTER)).toEqual({ ok: false, reason: 'wrong-participant' });
    expect(decide('no-show', 'CONFIRMED', 'client', AFTER)).toEqual({ ok: false, reason: 'wrong-participant' });
  });

  // Every (action, status) pair outside the table, for a participant the action allows, at a time it allows.
  const refusedPairs = (Object.keys(TRANSITIONS) as AppointmentAction[]).flatMap((action) =>
    APPOINTMENT_STATUSES.filter((status) => !TRANSITIONS[action].from.includes(status)).map(
      (status) => [action, status] as const,
    ),
  );

  it('covers 22 refused (action, status) pairs', () => {
    expect(refusedPairs).toHaveLength(22);
  });

  it.each(refusedPairs)('refuses %s from %s as an invalid transition', (action, status) => {
    const rule = TRANSITIONS[action];
    const now = rule.timing === 'after-start' ? AFTER : BEFORE;
    expect(decide(action, status, rule.by[0] as Participant, now)).toEqual({ ok: false, reason: 'invalid-transition' });
  });

  it('refuses cancelling and rescheduling from the start on', () => {
    expect(decide('cancel', 'CONFIRMED', 'client', AT_START)).toEqual({ ok: false, reason: 'already-started' });
    expect(decide('cancel', 'PENDING', 'therapist', AFTER)).toEqual({ ok: false, reason: 'already-started' });
    expect(decide('reschedule', 'CONFIRMED', 'client', AT_START)).toEqual({ ok: false, reason: 'already-started' });
  });

  it('refuses completing and marking a no-show one millisecond before the start', () => {
    expect(decide('complete', 'CONFIRMED', 'therapist', BEFORE)).toEqual({ ok: false, reason: 'not-started' });
    expect(decide('no-show', 'CONFIRMED', 'therapist', BEFORE)).toEqual({ ok: false, reason: 'not-started' });
  });

  it('judges the state before the time: a cancelled appointment after its start is an invalid transition', () => {
    expect(decide('cancel', 'CANCELLED', 'client', AFTER)).toEqual({ ok: false, reason: 'invalid-transition' });
    expect(decide('complete', 'PENDING', 'therapist', BEFORE)).toEqual({ ok: false, reason: 'invalid-transition' });
  });
});

describe('isLateCancellationBy', () => {
  const startsAt = new Date('2026-12-02T09:00:00.000Z');
  it('marks a client cancelling inside the window late, and on its edge on time', () => {
    const inside = new Date('2026-12-01T09:00:00.001Z');
    const edge = new Date('2026-12-01T09:00:00.000Z');
    expect(isLateCancellationBy({ by: 'client', startsAt, now: inside, windowHours: 24 })).toBe(true);
    expect(isLateCancellationBy({ by: 'client', startsAt, now: edge, windowHours: 24 })).toBe(false);
  });

  it('never marks a therapist’s cancellation late', () => {
    const inside = new Date('2026-12-02T08:00:00.000Z');
    expect(isLateCancellationBy({ by: 'therapist', startsAt, now: inside, windowHours: 24 })).toBe(false);
  });
});

describe('mayReschedule', () => {
  const startsAt = new Date('2026-12-02T09:00:00.000Z');
  it('allows moving until the cancellation window opens, and not after', () => {
    expect(mayReschedule({ startsAt, now: new Date('2026-12-01T09:00:00.000Z'), windowHours: 24 })).toBe(true);
    expect(mayReschedule({ startsAt, now: new Date('2026-12-01T09:00:00.001Z'), windowHours: 24 })).toBe(false);
  });

  it('allows moving until the start when the window is zero hours', () => {
    expect(mayReschedule({ startsAt, now: new Date('2026-12-02T08:59:59.999Z'), windowHours: 0 })).toBe(true);
  });
});

describe('missingConfirmations', () => {
  const note = { decision: 'ok', requiresClearance: false } as const;
  const caution = { decision: 'caution', requiresClearance: false } as const;
  const clearance = { decision: 'caution', requiresClearance: true } as const;

  it('asks nothing of an appointment without flags, even an empty body', () => {
    expect(missingConfirmations([], {})).toEqual([]);
  });

  it('asks nothing for ok-level notes to the therapist', () => {
    expect(missingConfirmations([note], {})).toEqual([]);
    expect(missingConfirmations([note, note], {})).toEqual([]);
  });

  it('still accepts acknowledgeFlags sent for ok-level notes', () => {
    expect(missingConfirmations([note], { acknowledgeFlags: true })).toEqual([]);
  });

  it('asks for acknowledgeFlags when there are caution flags', () => {
    expect(missingConfirmations([caution], {})).toEqual(['acknowledgeFlags']);
    expect(missingConfirmations([caution], { acknowledgeFlags: true })).toEqual([]);
  });

  it('asks for acknowledgeFlags when a caution flag sits among ok-level notes', () => {
    expect(missingConfirmations([note, caution], {})).toEqual(['acknowledgeFlags']);
    expect(missingConfirmations([note, caution], { acknowledgeFlags: true })).toEqual([]);
  });

  it('asks for both when a flag requires clearance', () => {
    expect(missingConfirmations([caution, clearance], {})).toEqual(['acknowledgeFlags', 'clearanceConfirmed']);
    expect(missingConfirmations([note, clearance], {})).toEqual(['acknowledgeFlags', 'clearanceConfirmed']);
    expect(missingConfirmations([clearance], { acknowledgeFlags: true })).toEqual(['clearanceConfirmed']);
    expect(missingConfirmations([clearance], { clearanceConfirmed: true })).toEqual(['acknowledgeFlags']);
    expect(missingConfirmations([clearance], { acknowledgeFlags: true, clearanceConfirmed: true })).toEqual([]);
  });

  it('treats a blocked flag in a stored snapshot as needing acknowledgement', () => {
    expect(missingConfirmations([{ decision: 'blocked', requiresClearance: false }], {})).toEqual(['acknowledgeFlags']);
  });
});

describe('priceFor', () => {
  it.each([
    [7000, 60, 7000],
    [7000, 30, 3500],
    [7000, 90, 10500],
    [7500, 45, 5625],
    [7500, 75, 9375],
    [8333, 45, 6250], // 6249.75 rounds up
    [1001, 30, 501], // 500.5 rounds half up
  ])('prices %i per hour for %i minutes at %i', (perHour, minutes, expected) => {
    expect(priceFor(perHour, minutes)).toBe(expected);
  });
});

describe('bookingFingerprint', () => {
  const request = {
    therapistId: 't1',
    massageType: 'swedish',
    durationMinutes: 60,
    startsAt: new Date('2026-12-02T09:00:00.000+01:00'),
    screeningId: 's1',
  };

  it('is the same for the same instant written with another offset, and for absent and undefined notes', () => {
    expect(bookingFingerprint({ ...request, startsAt: new Date('2026-12-02T08:00:00Z'), notes: undefined })).toBe(
      bookingFingerprint(request),
    );
  });

  it('differs when any field differs', () => {
    const base = bookingFingerprint(request);
    const variants = [
      { ...request, therapistId: 't2' },
      { ...request, massageType: 'prenatal' },
      { ...request, durationMinutes: 90 },
      { ...request, startsAt: new Date('2026-12-02T08:30:00Z') },
      { ...request, screeningId: 's2' },
      { ...request, notes: 'left shoulder' },
    ];
    for (const variant of variants) expect(bookingFingerprint(variant)).not.toBe(base);
  });
});
