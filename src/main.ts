// Entry point of `npm start`: configuration from the environment (and .env),
// then the app. Every way it can fail ends in one log line and exit code 1.
import dotenv from "dotenv";
import { StartupError, startApp } from "./app.ts";
import { type Config, ConfigError, loadConfig } from "./config.ts";
import { createLogger, describeError } from "./logger.ts";

async function main(): Promise<void> {
  // Variables already set in the environment win over .env.
  dotenv.config({ quiet: true });
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }

  const logger = createLogger(config.logLevel);
  // A promise nobody awaits that fails (grammY's webhook timeout leaves the
  // update's handling unwatched) must not end the process, nor print what it
  // carried: one line without personal data.
  process.on("unhandledRejection", (reason) => {
    logger.error({ err: describeError(reason) }, "a promise failed unobserved");
  });
  try {
    const app = await startApp(config, logger);
    const shutdown = (signal: string) => {
      logger.info({ signal }, "stopping");
      app.stop().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: describeError(error) }, "stopping failed");
          process.exit(1);
        },
      );
    };
    process.once("SIGINT", () => shutdown("SIGINT"));
    process.once("SIGTERM", () => shutdown("SIGTERM"));
    await app.finished;
  } catch (error) {
    if (error instanceof StartupError) {
      logger.fatal(error.message);
    } else {
      logger.fatal({ err: describeError(error) }, "start-up failed");
    }
    process.exit(1);
  }
}

await main();
