// The only place that reads process.env. Everything else receives a Config.
import { z } from "zod";
import { type DataKeys, parseDataKeys, parseKeyBytes } from "./db/field-cipher.ts";

const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);

const envSchema = z.object({
  BOT_TOKEN: z
    .string({ error: "is required (the token @BotFather gave the bot)" })
    // Only the shape: emulators and self-hosted servers use short test tokens.
    .regex(/^\d+:[A-Za-z0-9_-]+$/, "does not look like a bot token (digits, a colon, then letters, digits, _ or -)"),
  TELEGRAM_API_ROOT: z.preprocess(
    emptyAsUndefined,
    z
      .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
      .refine((url) => !url.endsWith("/"), "must not end with a slash")
      .default("https://api.telegram.org"),
  ),
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgresql:// URL" }).optional(),
  ),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default("./data")),
  SMS_GATEWAY_URL: z.preprocess(emptyAsUndefined, z.url({ error: "must be a URL" }).optional()),
  SMS_GATEWAY_TOKEN: z.preprocess(emptyAsUndefined, z.string().optional()),
  MOBILE_DB_URL: z.preprocess(
    emptyAsUndefined,
    z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
  ),
  MOBILE_DB_TOKEN: z.preprocess(emptyAsUndefined, z.string().optional()),
  STAFF_CHAT_ID: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^-\d+$/, "must be the id of a group or supergroup (a negative number, e.g. -1001234567890)")
      .transform(Number)
      .optional(),
  ),
  OPERATOR_IDS: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^\s*\d+(\s*,\s*\d+)*\s*$/, "must be Telegram user ids separated by commas")
      .transform((list) => list.split(",").map((id) => Number(id.trim())))
      .optional(),
  ),
  STAFF_APP_NAME: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      // BotFather's rule for a Mini App's short name.
      .regex(/^[A-Za-z0-9_]{3,30}$/, "must be the Mini App's short name from @BotFather: 3 to 30 of A-Z a-z 0-9 _")
      .optional(),
  ),
  APPEAL_RECEIVER_NAME: z.preprocess(emptyAsUndefined, z.string().max(128).optional()),
  APPEAL_RECEIVER_POSITION: z.preprocess(emptyAsUndefined, z.string().max(128).optional()),
  DATA_KEYS: z.preprocess(emptyAsUndefined, z.string().optional()),
  DATA_INDEX_KEY: z.preprocess(emptyAsUndefined, z.string().optional()),
  OTP_SECRET: z.preprocess(emptyAsUndefined, z.string().min(32, "must be at least 32 characters").optional()),
  HOST: z.preprocess(emptyAsUndefined, z.string().default("0.0.0.0")),
  PORT: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ error: "must be a port number" })
      .int("must be a port number")
      .min(0, "must be a port number")
      .max(65535, "must be a port number")
      .default(8080),
  ),
  WEBHOOK_URL: z.preprocess(
    emptyAsUndefined,
    z
      .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
      .refine((url) => !/\/bot\d+:/.test(url), "must not contain the bot token")
      .refine(
        (url) => !["/", "/livez", "/readyz", "/metrics"].includes(new URL(url).pathname),
        "needs a path of its own (e.g. /telegram/updates), not / nor /livez, /readyz, /metrics",
      )
      .optional(),
  ),
  WEBHOOK_SECRET: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      // Telegram's rule for secret_token.
      .regex(/^[A-Za-z0-9_-]{32,256}$/, "must be 32 to 256 characters: letters, digits, _ or -")
      .optional(),
  ),
  MINI_APP_URL: z.preprocess(
    emptyAsUndefined,
    z
      .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
      .refine((url) => !url.endsWith("/"), "must not end with a slash")
      .refine((url) => !/\/bot\d+:/.test(url), "must not contain the bot token")
      .optional(),
  ),
  WEBHOOK_MAX_CONNECTIONS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(1, "must be 1 to 100").max(100, "must be 1 to 100").default(40),
  ),
  LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(logLevels, { error: `must be one of ${logLevels.join(", ")}` }).default("info"),
  ),
  NODE_ENV: z.preprocess(
    emptyAsUndefined,
    z
      .enum(["development", "production", "test"], { error: "must be development, production or test" })
      .default("development"),
  ),
});

export type Config = {
  botToken: string;
  telegramApiRoot: string;
  database: { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };
  dataDir: string;
  smsGateway: { url: string; token: string | undefined } | undefined;
  /** The citizens' mobile database; unset = a stand-in that accepts every pair (never in production). */
  mobileDb: { url: string; token: string | undefined } | undefined;
  /** Who receives appeals, as receipts name them ("" = the localized default). */
  appealReceiver: { name: string; position: string };
  /** Keys of personal data at rest; unset = a key file in DATA_DIR (never in production). */
  dataKeys: DataKeys | undefined;
  /** Key of the one-time passwords' hashes. */
  otpSecret: string;
  /**
   * The operators' group; unset = no staff side (applications wait in the database).
   * `appName`: the operators' desk (a Mini App) that the group's links open; unset = no links.
   */
  staff: { chatId: number; operatorIds: number[] | undefined; appName: string | undefined } | undefined;
  /** Where the HTTP server (health, metrics, webhook) listens; port 0 picks a free one. */
  http: { host: string; port: number };
  /** The public base of this server where Telegram opens the Mini Apps (…/app/); unset = none offered. */
  miniAppUrl: string | undefined;
  /** Set: Telegram delivers updates to this URL; unset: long polling. */
  webhook: { url: string; path: string; secret: string; maxConnections: number } | undefined;
  logLevel: (typeof logLevels)[number];
  nodeEnv: "development" | "production" | "test";
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.OPERATOR_IDS && !e.STAFF_CHAT_ID) {
    problems.push("OPERATOR_IDS is set but STAFF_CHAT_ID is not");
  }
  if (e.STAFF_APP_NAME && !e.STAFF_CHAT_ID) {
    problems.push("STAFF_APP_NAME is set but STAFF_CHAT_ID is not");
  }
  if (e.SMS_GATEWAY_TOKEN && !e.SMS_GATEWAY_URL) {
    problems.push("SMS_GATEWAY_TOKEN is set but SMS_GATEWAY_URL is not");
  }
  // Outside production one-time passwords may go to the log; in production never.
  if (e.NODE_ENV === "production" && !e.SMS_GATEWAY_URL) {
    problems.push("SMS_GATEWAY_URL is required when NODE_ENV=production (one-time passwords must be sent by SMS)");
  }
  if (e.NODE_ENV === "production" && !e.OTP_SECRET) {
    problems.push("OTP_SECRET is required when NODE_ENV=production (the key that protects one-time passwords)");
  }
  // Every member of the group could otherwise press the staff chat's buttons.
  if (e.NODE_ENV === "production" && e.STAFF_CHAT_ID && !e.OPERATOR_IDS) {
    problems.push("OPERATOR_IDS is required with STAFF_CHAT_ID when NODE_ENV=production");
  }
  if (e.NODE_ENV === "production" && e.SMS_GATEWAY_URL?.startsWith("http:")) {
    problems.push("SMS_GATEWAY_URL must use https when NODE_ENV=production");
  }
  if (e.MOBILE_DB_TOKEN && !e.MOBILE_DB_URL) {
    problems.push("MOBILE_DB_TOKEN is set but MOBILE_DB_URL is not");
  }
  // The check binds the signer to the IIN: in production it is never skipped.
  if (e.NODE_ENV === "production" && !e.MOBILE_DB_URL?.startsWith("https:")) {
    problems.push("MOBILE_DB_URL (https) is required when NODE_ENV=production (the citizens' mobile database check)");
  }
  if (e.NODE_ENV === "production" && !e.MOBILE_DB_TOKEN) {
    problems.push("MOBILE_DB_TOKEN is required when NODE_ENV=production");
  }
  // An embedded database inside a container is lost at the next deploy.
  if (e.NODE_ENV === "production" && !e.DATABASE_URL) {
    problems.push("DATABASE_URL is required when NODE_ENV=production (the embedded database is for development)");
  }
  // Personal data is sealed under these keys; a key file beside the data protects nothing.
  if (e.NODE_ENV === "production" && !(e.DATA_KEYS && e.DATA_INDEX_KEY)) {
    problems.push("DATA_KEYS and DATA_INDEX_KEY are required when NODE_ENV=production (encryption of personal data)");
  }
  if (Boolean(e.DATA_KEYS) !== Boolean(e.DATA_INDEX_KEY)) {
    problems.push("DATA_KEYS and DATA_INDEX_KEY go together: set both or neither");
  }
  if (e.WEBHOOK_URL && !e.WEBHOOK_SECRET) {
    problems.push("WEBHOOK_SECRET is required with WEBHOOK_URL (Telegram sends it with every update)");
  }
  if (e.WEBHOOK_SECRET && !e.WEBHOOK_URL) {
    problems.push("WEBHOOK_SECRET is set but WEBHOOK_URL is not");
  }
  // Telegram opens Mini Apps over https only; plain http is for a desktop browser in development.
  if (e.NODE_ENV === "production" && e.MINI_APP_URL?.startsWith("http:")) {
    problems.push("MINI_APP_URL must use https when NODE_ENV=production (Telegram opens Mini Apps over https only)");
  }
  const dataKeys = parseKeys(e.DATA_KEYS, e.DATA_INDEX_KEY, problems);
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    botToken: e.BOT_TOKEN,
    telegramApiRoot: e.TELEGRAM_API_ROOT,
    database: e.DATABASE_URL ? { kind: "postgres", url: e.DATABASE_URL } : { kind: "pglite", dataDir: e.DATA_DIR },
    dataDir: e.DATA_DIR,
    smsGateway: e.SMS_GATEWAY_URL ? { url: e.SMS_GATEWAY_URL, token: e.SMS_GATEWAY_TOKEN } : undefined,
    mobileDb: e.MOBILE_DB_URL ? { url: e.MOBILE_DB_URL, token: e.MOBILE_DB_TOKEN } : undefined,
    staff: e.STAFF_CHAT_ID
      ? { chatId: e.STAFF_CHAT_ID, operatorIds: e.OPERATOR_IDS, appName: e.STAFF_APP_NAME }
      : undefined,
    // Outside production a key derived from the token will do.
    otpSecret: e.OTP_SECRET ?? `otp:${e.BOT_TOKEN}`,
    dataKeys,
    appealReceiver: { name: e.APPEAL_RECEIVER_NAME ?? "", position: e.APPEAL_RECEIVER_POSITION ?? "" },
    http: { host: e.HOST, port: e.PORT },
    miniAppUrl: e.MINI_APP_URL,
    webhook:
      e.WEBHOOK_URL && e.WEBHOOK_SECRET
        ? {
            url: e.WEBHOOK_URL,
            path: new URL(e.WEBHOOK_URL).pathname,
            secret: e.WEBHOOK_SECRET,
            maxConnections: e.WEBHOOK_MAX_CONNECTIONS,
          }
        : undefined,
    logLevel: e.LOG_LEVEL,
    nodeEnv: e.NODE_ENV,
  };
}

function parseKeys(list: string | undefined, index: string | undefined, problems: string[]): DataKeys | undefined {
  if (!list || !index) return undefined;
  try {
    return { dataKeys: parseDataKeys(list), indexKey: parseKeyBytes(index, "DATA_INDEX_KEY") };
  } catch (error) {
    // The message names what is wrong, never a key.
    problems.push(`DATA_KEYS/DATA_INDEX_KEY: ${(error as Error).message}`);
    return undefined;
  }
}
