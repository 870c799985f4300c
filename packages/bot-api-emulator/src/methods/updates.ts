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

// The webhook is only stored: nothing is delivered to it, updates wait in the queue.
export function setWebhook(context: MethodContext): true {
  const { bot, params } = context;
  const url = params.string("url") ?? "";
  if (url === "") return deleteWebhook(context);
  checkWebhookUrl(url);
  const secretToken = params.string("secret_token");
  if (secretToken !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secretToken)) {
    throw badRequest("secret token contains unallowed characters");
  }
  bot.queue.terminateHeld(conflict(TEXT.terminatedBySetWebhook));
  bot.webhook = { url, maxConnections: params.int("max_connections", 40, 1, 100), secretToken };
  if (params.bool("drop_pending_updates")) bot.queue.dropPending();
  bot.queue.setAllowedUpdates(params.raw.allowed_updates);
  return true;
}

export function deleteWebhook(context: MethodContext): true {
  const { bot, params } = context;
  bot.webhook = undefined;
  if (params.bool("drop_pending_updates")) bot.queue.dropPending();
  return true;
}

export function getWebhookInfo(context: MethodContext): WebhookInfo {
  const { bot } = context;
  const info: WebhookInfo = {
    url: bot.webhook?.url ?? "",
    has_custom_certificate: false,
    pending_update_count: bot.queue.pendingCount,
  };
  if (bot.webhook) {
    info.max_connections = bot.webhook.maxConnections;
    info.allowed_updates = [...bot.queue.allowedUpdates];
  }
  return info;
}

function checkWebhookUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badRequest("bad webhook: An HTTPS URL must be provided for webhook");
  }
  if (parsed.protocol !== "https:") throw badRequest("bad webhook: An HTTPS URL must be provided for webhook");
  if (!WEBHOOK_PORTS.has(parsed.port)) {
    throw badRequest("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443");
  }
}
