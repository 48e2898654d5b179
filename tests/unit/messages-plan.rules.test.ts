import { describe, expect, it } from 'vitest';
import { parseLeadTimes } from '../../src/config.ts';
import { plannedMessagesFor, type PlannedEvent } from '../../src/modules/notifications/message-plan.rules.ts';
import { appointmentMessageSkip } from '../../src/modules/notifications/message-send.rules.ts';

const LEADS = parseLeadTimes('24h,2h')!;
const OCCURRED = new Date('2026-12-01T09:00:00.000Z');
const appointment = (changes: object = {}) => ({
  appointmentId: 'a1',
  therapistId: 't1',
  clientId: 'c1',
  status: 'PENDING',
  startsAt: '2026-12-03T09:00:00.000Z',
  endsAt: '2026-12-03T10:00:00.000Z',
  version: 1,
  changedBy: 'client',
  ...changes,
});
const plan = (type: PlannedEvent['type'], payload: object, occurredAt = OCCURRED) =>
  plannedMessagesFor({ type, payload, occurredAt }, { reminderLeads: LEADS }).map((message) => [
    message.kind,
    message.recipient,
    message.variant,
    message.sendAt.toISOString(),
  ]);

describe('parseLeadTimes', () => {
  it('reads m, h and d, longest first, without repeats', () => {
    expect(parseLeadTimes('2h, 24h,1d,90m')).toEqual([
      { label: '24h', minutes: 1440 },
      { label: '90m', minutes: 90 },
      { label: '2h', minutes: 120 },
    ].sort((a, b) => b.minutes - a.minutes));
  });
  it('refuses anything else', () => {
    for (const bad of ['24', 'h', '2w', '-1h', '0m', '31d', '1.5h']) expect(parseLeadTimes(bad), bad).toBeNull();
  });
});

describe('plannedMessagesFor', () => {
  it('tells the therapist of a booking and plans the client a reminder per lead still ahead', () => {
    expect(plan('appointment.requested', appointment())).toEqual([
      ['appointment-requested', 'therapist', '', '2026-12-01T09:00:00.000Z'],
      ['appointment-reminder', 'client', '24h', '2026-12-02T09:00:00.000Z'],
      ['appointment-reminder', 'client', '2h', '2026-12-03T07:00:00.000Z'],
    ]);
  });

  it('plans no reminder whose time has passed when the booking is made', () => {
    const lateBooking = new Date('2026-12-03T06:00:00.000Z');
    expect(plan('appointment.requested', appointment(), lateBooking)).toEqual([
      ['appointment-requested', 'therapist', '', '2026-12-03T06:00:00.000Z'],
      ['appointment-reminder', 'client', '2h', '2026-12-03T07:00:00.000Z'],
    ]);
  });

  it('tells both sides of a move and plans reminders for the new time only', () => {
    const moved = appointment({ startsAt: '2026-12-05T15:00:00.000Z', previousStartsAt: '2026-12-03T09:00:00.000Z' });
    expect(plan('appointment.rescheduled', moved)).toEqual([
      ['appointment-rescheduled', 'client', '', '2026-12-01T09:00:00.000Z'],
      ['appointment-rescheduled', 'therapist', '', '2026-12-01T09:00:00.000Z'],
      ['appointment-reminder', 'client', '24h', '2026-12-04T15:00:00.000Z'],
      ['appointment-reminder', 'client', '2h', '2026-12-05T13:00:00.000Z'],
    ]);
  });

  it('tells the other participant of a cancellation, and both when the service or an admin cancelled', () => {
    const cancelled = (changedBy: string) => plan('appointment.cancelled', appointment({ changedBy, status: 'CANCELLED' })).map(([kind, to]) => `${kind}→${to}`);
    expect(cancelled('client')).toEqual(['appointment-cancelled→therapist']);
    expect(cancelled('therapist')).toEqual(['appointment-cancelled→client']);
    expect(cancelled('system')).toEqual(['appointment-cancelled→client', 'appointment-cancelled→therapist']);
    expect(cancelled('admin')).toEqual(['appointment-cancelled→client', 'appointment-cancelled→therapist']);
  });

  it('confirms to the client, invites a review after completion, and says nothing of a no-show', () => {
    expect(plan('appointment.confirmed', appointment()).map(([kind, to]) => `${kind}→${to}`)).toEqual(['appointment-confirmed→client']);
    expect(plan('appointment.completed', appointment()).map(([kind, to]) => `${kind}→${to}`)).toEqual(['review-invitation→client']);
    expect(plan('appointment.no_show', appointment())).toEqual([]);
  });

  it('warns the therapist 30 and 7 days before a verified certificate runs out', () => {
    const certificate = { certificationId: 'x', therapistId: 't1', kind: 'licence', status: 'VERIFIED', expiresOn: '2027-01-31' };
    expect(plan('certification.verified', certificate)).toEqual([
      ['certification-decided', 'therapist', '', '2026-12-01T09:00:00.000Z'],
      ['certification-expiring', 'therapist', '30d', '2027-01-01T00:00:00.000Z'],
      ['certification-expiring', 'therapist', '7d', '2027-01-24T00:00:00.000Z'],
    ]);
  });
});

describe('appointmentMessageSkip', () => {
  const facts = { status: 'CONFIRMED' as const, startsAt: new Date('2026-12-03T09:00:00.000Z'), reviewed: false, recipientWantsReminders: true };
  const reminder = { kind: 'appointment-reminder' as const, variant: '24h', sendAt: new Date('2026-12-02T09:00:00.000Z') };

  it('sends a reminder for the start it was planned for', () => {
    expect(appointmentMessageSkip(reminder, facts)).toBeNull();
    expect(appointmentMessageSkip(reminder, { ...facts, status: 'PENDING' })).toBeNull();
  });
  it('skips the reminder of a cancelled, moved or finished session, or of a user who turned reminders off', () => {
    expect(appointmentMessageSkip(reminder, { ...facts, status: 'CANCELLED' })).toBe('not-upcoming');
    expect(appointmentMessageSkip(reminder, { ...facts, startsAt: new Date('2026-12-03T10:00:00.000Z') })).toBe('moved');
    expect(appointmentMessageSkip(reminder, { ...facts, recipientWantsReminders: false })).toBe('reminders-off');
    expect(appointmentMessageSkip(reminder, null)).toBe('subject-gone');
  });
  it('skips a confirmation overtaken by a cancellation, but never the cancellation itself', () => {
    const at = reminder.sendAt;
    expect(appointmentMessageSkip({ kind: 'appointment-confirmed', variant: '', sendAt: at }, { ...facts, status: 'CANCELLED' })).toBe('no-longer-confirmed');
    expect(appointmentMessageSkip({ kind: 'appointment-cancelled', variant: '', sendAt: at }, { ...facts, status: 'CANCELLED' })).toBeNull();
    expect(appointmentMessageSkip({ kind: 'review-invitation', variant: '', sendAt: at }, { ...facts, status: 'COMPLETED', reviewed: true })).toBe('already-reviewed');
  });
});
