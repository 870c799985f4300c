// Fixed keys for tests: every process of one test (the app, a restarted app,
// the test reading the tables) opens what the others sealed.
import { createFieldCipher, parseDataKeys, parseKeyBytes } from "../../src/db/field-cipher.ts";

export const TEST_KEYS_ENV = {
  DATA_KEYS: `test-1:${Buffer.alloc(32, 1).toString("base64")}`,
  DATA_INDEX_KEY: Buffer.alloc(32, 2).toString("base64"),
};

export const testCipher = createFieldCipher({
  dataKeys: parseDataKeys(TEST_KEYS_ENV.DATA_KEYS),
  indexKey: parseKeyBytes(TEST_KEYS_ENV.DATA_INDEX_KEY, "DATA_INDEX_KEY"),
});
