/** The source of "now"; services take it so that tests can fix time. */
export type Clock = () => Date;

/** The real clock. */
export const systemClock: Clock = () => new Date();
