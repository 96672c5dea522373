/** Time comes from here, never from `new Date()` in a feature, so tests can move it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A moment's calendar day in UTC, as the portal writes days (YYYY-MM-DD). */
export const isoDay = (date: Date): string => date.toISOString().slice(0, 10);
