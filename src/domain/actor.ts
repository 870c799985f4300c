/** Who did something, as the audit trail and the staff cards name them: a Telegram user and a display name. */
export type Actor = { id: number; name: string };
