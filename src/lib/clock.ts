/** The only way code learns the time. Rules take `now` as an argument; services read it from here once per use case. */
import { MS_PER_MINUTE } from './durations.ts';
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can set and move. */
export class ManualClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date): void {
    this.current = new Date(at);
  }
  advanceMinutes(minutes: number): void {
    this.current = new Date(this.current.getTime() + minutes * MS_PER_MINUTE);
  }
}
