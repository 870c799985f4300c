// last_error_message of getWebhookInfo, worded as telegram-bot-api words them: the
// socket error's text for network failures, and the status line for a wrong answer.

const NETWORK_ERRORS: Record<string, string> = {
  ECONNREFUSED: "Connection refused",
  ECONNRESET: "Connection reset by peer",
  EPIPE: "Connection reset by peer",
  ETIMEDOUT: "Connection timed out",
  EHOSTUNREACH: "No route to host",
  ENETUNREACH: "Network is unreachable",
  ENOTFOUND: "Failed to resolve host: Name or service not known",
  EAI_AGAIN: "Failed to resolve host: Temporary failure in name resolution",
};

/** The webhook did not answer within the timeout. */
export const READ_TIMEOUT = "Read timeout expired";

export function wrongResponse(status: number, reason: string): string {
  return `Wrong response from the webhook: ${status} ${reason}`;
}

export function networkError(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code ?? "";
  const known = NETWORK_ERRORS[code];
  if (known) return known;
  // Node names TLS failures by OpenSSL's reason (CERT_HAS_EXPIRED, ERR_TLS_CERT_ALTNAME_INVALID…).
  if (/CERT|TLS|SSL/.test(code)) return `SSL error {${error.message}}`;
  return error.message;
}
