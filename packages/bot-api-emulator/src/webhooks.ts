import type { BotAccount } from "./bot-account.ts";
import { Signal } from "./signal.ts";
import type { WebhookAttempt } from "./webhook-attempt.ts";
import { WebhookDelivery, type WebhookTiming } from "./webhook-delivery.ts";

export interface WebhookConfig extends WebhookTiming {
  /** As `telegram-bot-api --local`: http:// URLs and any port are accepted. */
  localMode: boolean;
}

/** Every bot's webhook delivery, created on first use and kept across set/delete. */
export class Webhooks {
  readonly config: WebhookConfig;
  /** Emits each finished delivery attempt of any bot. */
  readonly attempted = new Signal<WebhookAttempt>();
  private readonly deliveries = new Map<number, WebhookDelivery>();

  constructor(config: WebhookConfig) {
    this.config = config;
  }

  of(bot: BotAccount): WebhookDelivery {
    let delivery = this.deliveries.get(bot.id);
    if (!delivery) {
      delivery = new WebhookDelivery(bot, this.config, this.attempted);
      this.deliveries.set(bot.id, delivery);
    }
    return delivery;
  }

  attemptsOf(botId: number): readonly WebhookAttempt[] {
    return this.deliveries.get(botId)?.attempts ?? [];
  }

  close(): Promise<void> {
    return Promise.all([...this.deliveries.values()].map((delivery) => delivery.close())).then(() => undefined);
  }
}
