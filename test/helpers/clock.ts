import type { Clock } from '../../server/platform/clock.ts';

/** A clock the test moves by hand: no sleeps, no timing races. */
export class TestClock implements Clock {
  #now: number;
  constructor(start = Date.parse('2026-03-02T09:00:00Z')) {
    this.#now = start;
  }
  now(): Date {
    return new Date(this.#now);
  }
  advance(ms: number): void {
    this.#now += ms;
  }
  set(date: Date | string): void {
    this.#now = new Date(date).getTime();
  }
}
