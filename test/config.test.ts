import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";

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

  it("starts with an https gateway", () => {
    expect(
      loadConfig({
        BOT_TOKEN: token,
        NODE_ENV: "production",
        OTP_SECRET: "x".repeat(32),
        SMS_GATEWAY_URL: "https://sms.local/send",
        SMS_GATEWAY_TOKEN: "s",
      }).smsGateway,
    ).toEqual({
      url: "https://sms.local/send",
      token: "s",
    });
  });
});
