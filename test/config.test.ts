import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";

const key = (fill: number) => Buffer.alloc(32, fill).toString("base64");

const token = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ";

describe("configuration", () => {
  it("runs on embedded storage with only a token", () => {
    const config = loadConfig({ BOT_TOKEN: token });
    expect(config.database).toEqual({ kind: "pglite", dataDir: "./data" });
    expect(config.telegramApiRoot).toBe("https://api.telegram.org");
    expect(config.logLevel).toBe("info");
  });

  it("uses PostgreSQL when DATABASE_URL is set", () => {
    const config = loadConfig({ BOT_TOKEN: token, DATABASE_URL: "postgresql://u@db:5432/jobs" });
    expect(config.database).toEqual({ kind: "postgres", url: "postgresql://u@db:5432/jobs" });
  });

  it("names every missing or wrong variable", () => {
    try {
      loadConfig({ TELEGRAM_API_ROOT: "http://127.0.0.1:8081/", LOG_LEVEL: "loud", DATABASE_URL: "mysql://x" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      for (const name of ["BOT_TOKEN", "TELEGRAM_API_ROOT", "LOG_LEVEL", "DATABASE_URL"])
        expect(message).toContain(name);
    }
  });

  it("treats empty values as unset", () => {
    expect(loadConfig({ BOT_TOKEN: token, DATABASE_URL: "", DATA_DIR: "" }).database).toEqual({
      kind: "pglite",
      dataDir: "./data",
    });
  });
});

describe("the operators' desk", () => {
  it("links the staff chat's cards to the Mini App named by STAFF_APP_NAME, and to none without it", () => {
    const staff = { BOT_TOKEN: token, STAFF_CHAT_ID: "-1001234567890", OPERATOR_IDS: "1,2" };
    expect(loadConfig({ ...staff, STAFF_APP_NAME: "desk" }).staff).toEqual({
      chatId: -1001234567890,
      operatorIds: [1, 2],
      appName: "desk",
    });
    expect(loadConfig({ ...staff, STAFF_APP_NAME: "" }).staff?.appName).toBeUndefined();
  });

  it("refuses a name BotFather would not give, and a desk without a staff chat", () => {
    expect(() => loadConfig({ BOT_TOKEN: token, STAFF_CHAT_ID: "-100123", STAFF_APP_NAME: "my desk" })).toThrow(
      /STAFF_APP_NAME must be the Mini App's short name/,
    );
    expect(() => loadConfig({ BOT_TOKEN: token, STAFF_APP_NAME: "desk" })).toThrow(
      /STAFF_APP_NAME is set but STAFF_CHAT_ID is not/,
    );
  });
});

describe("production", () => {
  it("refuses to start without an SMS gateway", () => {
    expect(() => loadConfig({ BOT_TOKEN: token, NODE_ENV: "production" })).toThrow(/SMS_GATEWAY_URL is required/);
  });

  it("refuses an SMS gateway over plain http", () => {
    expect(() =>
      loadConfig({ BOT_TOKEN: token, NODE_ENV: "production", SMS_GATEWAY_URL: "http://sms.local/send" }),
    ).toThrow(/https/);
  });

  it("refuses to start without an OTP secret, and a staff chat open to every member", () => {
    const base = { BOT_TOKEN: token, NODE_ENV: "production", SMS_GATEWAY_URL: "https://sms.local/send" };
    expect(() => loadConfig(base)).toThrow(/OTP_SECRET is required/);
    expect(() => loadConfig({ ...base, OTP_SECRET: "x".repeat(32), STAFF_CHAT_ID: "-100123" })).toThrow(
      /OPERATOR_IDS is required/,
    );
  });

  const complete = {
    BOT_TOKEN: token,
    NODE_ENV: "production",
    OTP_SECRET: "x".repeat(32),
    SMS_GATEWAY_URL: "https://sms.local/send",
    SMS_GATEWAY_TOKEN: "s",
    MOBILE_DB_URL: "https://mdb.local/api",
    MOBILE_DB_TOKEN: "m",
    DATABASE_URL: "postgresql://bot@db.local/jobseekers",
    DATA_KEYS: `k2:${key(2)},k1:${key(1)}`,
    DATA_INDEX_KEY: key(9),
  };

  it("starts with https gateways, the registry's token and PostgreSQL", () => {
    const config = loadConfig(complete);
    expect(config.smsGateway).toEqual({ url: "https://sms.local/send", token: "s" });
    expect(config.mobileDb).toEqual({ url: "https://mdb.local/api", token: "m" });
    expect(config.database).toEqual({ kind: "postgres", url: "postgresql://bot@db.local/jobseekers" });
    expect(config.dataKeys?.dataKeys.map((k) => k.id)).toEqual(["k2", "k1"]);
  });

  it.each([
    ["without the mobile database", { MOBILE_DB_URL: "" }, /MOBILE_DB_URL \(https\) is required/],
    ["with the mobile database over plain http", { MOBILE_DB_URL: "http://mdb.local/api" }, /MOBILE_DB_URL \(https\)/],
    ["without the mobile database's token", { MOBILE_DB_TOKEN: "" }, /MOBILE_DB_TOKEN is required/],
    ["on the embedded database", { DATABASE_URL: "" }, /DATABASE_URL is required/],
    ["without data keys", { DATA_KEYS: "", DATA_INDEX_KEY: "" }, /DATA_KEYS and DATA_INDEX_KEY are required/],
    ["with a data key of the wrong length", { DATA_KEYS: `k1:${key(1).slice(4)}` }, /key "k1" must be 32 bytes/],
    ["with a data key without an id", { DATA_KEYS: key(1) }, /key 1 needs an id/],
    ["with two keys of one id", { DATA_KEYS: `k1:${key(1)},k1:${key(2)}` }, /two keys have the same id/],
    ["with a data key but no index key", { DATA_INDEX_KEY: "" }, /go together/],
    ["with the Mini Apps over plain http", { MINI_APP_URL: "http://bot.example.kz" }, /MINI_APP_URL must use https/],
  ])("refuses to start %s", (_, change, problem) => {
    expect(() => loadConfig({ ...complete, ...change })).toThrow(problem);
  });
});

describe("the citizens' mobile database", () => {
  it("is a stand-in outside production unless configured; http is fine there", () => {
    expect(loadConfig({ BOT_TOKEN: token }).mobileDb).toBeUndefined();
    expect(loadConfig({ BOT_TOKEN: token, MOBILE_DB_URL: "http://127.0.0.1:9000" }).mobileDb).toEqual({
      url: "http://127.0.0.1:9000",
      token: undefined,
    });
  });

  it("refuses a token without a URL", () => {
    expect(() => loadConfig({ BOT_TOKEN: token, MOBILE_DB_TOKEN: "m" })).toThrow(/MOBILE_DB_TOKEN is set/);
  });

  it("listens on 0.0.0.0:8080 and polls unless WEBHOOK_URL is set", () => {
    const config = loadConfig({ BOT_TOKEN: token });
    expect(config.http).toEqual({ host: "0.0.0.0", port: 8080 });
    expect(config.webhook).toBeUndefined();
  });

  it("takes updates on the path of WEBHOOK_URL, with its secret", () => {
    const secret = "a".repeat(32);
    const config = loadConfig({
      BOT_TOKEN: token,
      WEBHOOK_URL: "https://bot.example.kz/telegram/updates",
      WEBHOOK_SECRET: secret,
      WEBHOOK_MAX_CONNECTIONS: "20",
      PORT: "3000",
    });
    expect(config.webhook).toEqual({
      url: "https://bot.example.kz/telegram/updates",
      path: "/telegram/updates",
      secret,
      maxConnections: 20,
    });
    expect(config.http.port).toBe(3000);
  });

  it("refuses a webhook without a strong secret, and a token in its URL", () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig({ BOT_TOKEN: token, ...env });
        return "";
      } catch (error) {
        return (error as ConfigError).message;
      }
    };
    expect(problems({ WEBHOOK_URL: "https://bot.example.kz/hook" })).toContain("WEBHOOK_SECRET is required");
    expect(problems({ WEBHOOK_URL: "https://bot.example.kz/hook", WEBHOOK_SECRET: "short" })).toContain(
      "WEBHOOK_SECRET must be 32 to 256 characters",
    );
    expect(problems({ WEBHOOK_URL: `https://bot.example.kz/bot${token}`, WEBHOOK_SECRET: "b".repeat(40) })).toContain(
      "must not contain the bot token",
    );
    expect(problems({ PORT: "99999" })).toContain("PORT");
  });
});

describe("the Mini Apps", () => {
  it("are offered at MINI_APP_URL when it is set, and not otherwise", () => {
    expect(loadConfig({ BOT_TOKEN: token }).miniAppUrl).toBeUndefined();
    expect(loadConfig({ BOT_TOKEN: token, MINI_APP_URL: "https://bot.example.kz" }).miniAppUrl).toBe(
      "https://bot.example.kz",
    );
    // A desktop browser in development opens them over plain http.
    expect(loadConfig({ BOT_TOKEN: token, MINI_APP_URL: "http://127.0.0.1:8080" }).miniAppUrl).toBe(
      "http://127.0.0.1:8080",
    );
  });

  it("refuses a base that is not a URL, ends with a slash or holds the token", () => {
    for (const [url, problem] of [
      ["bot.example.kz", "MINI_APP_URL must be an http(s) URL"],
      ["https://bot.example.kz/", "MINI_APP_URL must not end with a slash"],
      [`https://bot.example.kz/bot${token}`, "MINI_APP_URL must not contain the bot token"],
    ]) {
      expect(() => loadConfig({ BOT_TOKEN: token, MINI_APP_URL: url })).toThrow(problem);
    }
  });
});
