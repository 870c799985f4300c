/** The time, injected so tests can move it (OTP expiry, due dates). */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };
