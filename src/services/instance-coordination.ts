// What the Telegram surface needs to run on several instances at once; the
// locks themselves are PostgreSQL's (src/db/instance-locks.ts).
export type { ChatLocks, LeaderTerm, PollingLeadership } from "../db/instance-locks.ts";
export { CAMPAIGN_INTERVAL_MS } from "../db/instance-locks.ts";
