// npm run data:rotate
// Re-seals every stored personal-data value under the first key of DATA_KEYS
// (and seals any row still in clear). Safe while the bot runs on PostgreSQL;
// resumable: stopped at any point, the next run does only what is left.
// Rotating a key: put the new key first in DATA_KEYS on every instance (the
// old one after it), restart them, run this, then drop the old key.
import dotenv from "dotenv";
import { dataKeysOf } from "../src/app.ts";
import { ConfigError, loadConfig } from "../src/config.ts";
import { rotateData } from "../src/db/data-rotation.ts";
import { openDatabase } from "../src/db/database.ts";
import { createFieldCipher } from "../src/db/field-cipher.ts";
import { createLogger } from "../src/logger.ts";

async function main(): Promise<void> {
  dotenv.config({ quiet: true });
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const cipher = createFieldCipher(dataKeysOf(config, logger));
  const db = await openDatabase(config.database, { cipher });
  const started = performance.now();
  try {
    console.log(`Re-sealing under key "${cipher.currentKeyId}" (${db.kind})`);
    const report = await db.withConnection((connection) =>
      rotateData(connection, cipher, {
        onBatch: (progress) => console.log(`  ${progress.table}: ${progress.resealed} re-sealed`),
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    for (const table of report.tables) {
      console.log(`${table.table.padEnd(20)} ${String(table.resealed).padStart(9)} re-sealed ${table.failed} failed`);
    }
    console.log(
      `${report.resealed} rows re-sealed in ${seconds.toFixed(1)} s (${Math.round(report.resealed / seconds)} rows/s)`,
    );
    if (report.failed > 0) {
      console.error(
        `${report.failed} rows did not open with DATA_KEYS: add the key they were sealed under and run again`,
      );
      process.exitCode = 1;
    }
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
