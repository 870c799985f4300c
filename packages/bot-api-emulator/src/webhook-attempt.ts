/** One POST of an update to a bot's webhook, as tests read it back. */
export interface WebhookAttempt {
  readonly updateId: number;
  readonly url: string;
  /** When the request started (ms since the epoch). */
  readonly time: number;
  /** How long until the answer, the failure or the timeout. */
  readonly ms: number;
  /** True when the webhook answered 2xx and the update left the queue. */
  readonly ok: boolean;
  /** The HTTP status, when the webhook answered at all. */
  readonly status?: number;
  /** Why the update was kept, worded as getWebhookInfo's last_error_message. */
  readonly error?: string;
}
