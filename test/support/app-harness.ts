// The app started in this process by the same code path as `npm start`
// (startApp), against the Bot API emulator, with a clock and an SMS gateway
// the test controls.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Emulator, startEmulator, type TestGroup, type TestUser } from "@job-seeker/bot-api-emulator";
import { type AppOverrides, type RunningApp, startApp } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import { createLogger } from "../../src/logger.ts";
import { createServices, type Services } from "../../src/services/index.ts";
import { standInMobileRegistry } from "../../src/services/mobile-registry.ts";
import type { SmsGateway } from "../../src/services/sms-gateway.ts";
import { freePort, webhookEnv } from "./free-port.ts";
import { TEST_KEYS_ENV } from "./test-keys.ts";

export const TOKEN = "7000000010:AAH-registration_e2e";

export class FakeClock {
  constructor(private current: number) {}
  now = (): Date => new Date(this.current);
  advance(ms: number): void {
    this.current += ms;
  }
  /** Sets the time to an instant given in Almaty wall time, e.g. "2026-11-30T16:30". */
  setAlmaty(local: string): void {
    this.current = Date.parse(`${local}:00+05:00`);
  }
}

export class CapturingSms implements SmsGateway {
  readonly sent: Array<{ phone: string; text: string }> = [];
  failing = false;
  async send(phone: string, text: string): Promise<void> {
    if (this.failing) throw new Error("gateway down");
    this.sent.push({ phone, text });
  }
  lastCodeFor(phone: string): string | undefined {
    return /\b(\d{6})\b/.exec(this.sent.findLast((sms) => sms.phone === phone)?.text ?? "")?.[1];
  }
  lastCode(): string {
    const text = this.sent.at(-1)?.text ?? "";
    const code = /\b(\d{6})\b/.exec(text)?.[1];
    if (!code) throw new Error(`no code in the last SMS: ${text}`);
    return code;
  }
}

export const STAFF_CHAT_ID = -1001000000777;

export type StaffSetup = { group: TestGroup; operators: [TestUser, TestUser]; bystander: TestUser };

export type Harness = {
  emulator: Emulator;
  staff: StaffSetup | undefined;
  clock: FakeClock;
  sms: CapturingSms;
  app: RunningApp;
  restart(): Promise<void>;
  close(): Promise<void>;
  user(firstName: string, languageCode?: string, id?: number): TestUser;
};

/** 27 November 2026, 10:00 in Almaty (a Friday). */
export const FRIDAY_MORNING = Date.parse("2026-11-27T05:00:00Z");

export async function startHarness(
  options: {
    overrides?: AppOverrides;
    databaseUrl?: string;
    now?: number;
    staff?: boolean;
    /** The operators' desk (STAFF_APP_NAME) that the staff chat's links open; none by default. */
    staffAppName?: string;
    /** The staff chat as a basic group (it may then be upgraded to a supergroup); a supergroup by default. */
    staffChatType?: "group" | "supergroup";
    /** Collects every log line, at the debug level, for a test to read. */
    logs?: string[];
    /** Updates through a webhook the emulator posts to, instead of long polling. */
    webhook?: boolean;
    /** MINI_APP_URL: the form's buttons in the chat open <url>/app/form/. */
    miniAppUrl?: string;
  } = {},
): Promise<Harness> {
  const emulator = await startEmulator({ localMode: true, webhookRetryMs: 500 });
  emulator.createBot({ token: TOKEN, username: "jobseeker_flow_bot", firstName: "Жұмыс" });
  const staff = options.staff ? createStaffGroup(emulator, options.staffChatType) : undefined;
  const dataDir = mkdtempSync(path.join(tmpdir(), "jobseeker-flow-"));
  const clock = new FakeClock(options.now ?? FRIDAY_MORNING);
  const sms = new CapturingSms();
  const config = loadConfig({
    BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: emulator.apiRoot,
    DATA_DIR: dataDir,
    HOST: "127.0.0.1",
    PORT: "0",
    ...(options.webhook ? webhookEnv(await freePort()) : {}),
    ...TEST_KEYS_ENV,
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...(staff
      ? { STAFF_CHAT_ID: String(STAFF_CHAT_ID), OPERATOR_IDS: staff.operators.map((o) => o.id).join(",") }
      : {}),
    ...(staff && options.staffAppName ? { STAFF_APP_NAME: options.staffAppName } : {}),
    ...(options.miniAppUrl ? { MINI_APP_URL: options.miniAppUrl } : {}),
  });
  const { logs } = options;
  const logger = logs
    ? createLogger("debug", { write: (line: string) => void logs.push(line) })
    : createLogger(process.env.TEST_LOG_LEVEL ?? "silent");
  const start = () => startApp(config, logger, { clock, sms, ...options.overrides });
  const harness: Harness = {
    emulator,
    staff,
    clock,
    sms,
    app: await start(),
    async restart() {
      await harness.app.stop();
      harness.app = await start();
    },
    async close() {
      await harness.app.stop();
      await emulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
    user: (firstName, languageCode = "ru", id) =>
      emulator.createUser({ firstName, languageCode, ...(id ? { id } : {}) }),
  };
  return harness;
}

/**
 * The use cases over the running app's database, as another surface (the
 * operators' desk) calls them: what the staff chat no longer shows is read here.
 */
export function servicesOf(harness: Harness): Services {
  return createServices({
    db: harness.app.database.work,
    clock: harness.clock,
    sms: harness.sms,
    registry: standInMobileRegistry(),
    secret: "a desk's services in a test, 32 characters or more",
  });
}

/** The career centre's group: two operators and a colleague who is not one. */
function createStaffGroup(emulator: Emulator, type: "group" | "supergroup" = "supergroup"): StaffSetup {
  const operators: [TestUser, TestUser] = [
    emulator.createUser({ firstName: "Гүлнар", lastName: "Оператор", languageCode: "ru" }),
    emulator.createUser({ firstName: "Ержан", lastName: "Оператор", languageCode: "kk" }),
  ];
  const bystander = emulator.createUser({ firstName: "Посторонний", languageCode: "ru" });
  const group = emulator.createGroup({
    id: STAFF_CHAT_ID,
    title: "Карьерный центр",
    type,
    members: [...operators, bystander],
    admins: operators,
  });
  return { group, operators, bystander };
}
