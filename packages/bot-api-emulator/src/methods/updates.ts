import { badRequest, conflict } from "../api-error.ts";
import { TEXT } from "../error-texts.ts";
import type { MethodContext } from "../method-context.ts";
import type { Update, WebhookInfo } from "../types.ts";

const MAX_POLL_TIMEOUT_SECONDS = 50;
const WEBHOOK_PORTS = new Set(["", "443", "80", "88", "8443"]);

export function getUpdates(context: MethodContext): Promise<Update[]> {
  const { bot, params, signal } = context;
  if (bot.webhook) throw conflict(TEXT.webhookActive);
  bot.queue.setAllowedUpdates(params.raw.allowed_updates);
  return bot.queue.poll({
    offset: params.int("offset", 0),
    limit: params.int("limit", 100, 1, 100),
    timeoutSeconds: params.int("timeout", 0, 0, MAX_POLL_TIMEOUT_SECONDS),
    signal,
  });
}

// While a webhook is set, WebhookDelivery POSTs the pending updates to it.
export function setWebhook(context: MethodContext): true {
  const { world, bot, params } = context;
  const url = params.string("url") ?? "";
  if (url === "") return deleteWebhook(context);
  checkWebhookUrl(url, world.webhooks.config.localMode);
  const secretToken = params.string("secret_token");
  if (secretToken !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secretToken)) {
    throw badRequest("secret token contains unallowed characters");
  }
  bot.queue.terminateHeld(conflict(TEXT.terminatedBySetWebhook));
  bot.webhook = { url, maxConnections: params.int("max_connections", 40, 1, 100), secretToken };
  if (params.bool("drop_pending_updates")) bot.queue.dropPending();
  bot.queue.setAllowedUpdates(params.raw.allowed_updates);
  world.webhooks.of(bot).start();
  return true;
}

export function deleteWebhook(context: MethodContext): true {
  const { world, bot, params } = context;
  bot.webhook = undefined;
  world.webhooks.of(bot).stop();
  if (params.bool("drop_pending_updates")) bot.queue.dropPending();
  return true;
}

export function getWebhookInfo(context: MethodContext): WebhookInfo {
  const { world, bot } = context;
  const info: WebhookInfo = {
    url: bot.webhook?.url ?? "",
    has_custom_certificate: false,
    pending_update_count: bot.queue.pendingCount,
  };
  if (bot.webhook) {
    const lastError = world.webhooks.of(bot).lastError;
    if (lastError) {
      info.last_error_date = lastError.date;
      info.last_error_message = lastError.message;
    }
    info.max_connections = bot.webhook.maxConnections;
    info.allowed_updates = [...bot.queue.allowedUpdates];
  }
  return info;
}

// `telegram-bot-api --local` skips both checks: bots behind it often listen on plain
// HTTP on a private port.
function checkWebhookUrl(url: string, localMode: boolean): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badRequest("bad webhook: An HTTPS URL must be provided for webhook");
  }
  if (localMode) {
    if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
      throw badRequest("bad webhook: Unsupported URL protocol");
    }
    return;
  }
  if (parsed.protocol !== "https:") throw badRequest("bad webhook: An HTTPS URL must be provided for webhook");
  if (!WEBHOOK_PORTS.has(parsed.port)) {
    throw badRequest("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443");
  }
}
