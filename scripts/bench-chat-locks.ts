// What the cross-instance chat lock of webhook mode costs per update
// (src/db/instance-locks.ts): a lock and an unlock on PostgreSQL around
// handling that does nothing. Prints figures; asserts nothing.
//   npx tsx scripts/bench-chat-locks.ts [postgresql://…]   (default: DATABASE_URL, else 127.0.0.1)
import { postgresInstanceLocks } from "../src/db/instance-locks.ts";

const url = process.argv[2] ?? process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const locks = postgresInstanceLocks(url, (error) => console.error("lock session:", error.message));

async function timed(label: string, updates: number, run: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  await run();
  const ms = performance.now() - started;
  console.log(`${label.padEnd(44)} ${((ms * 1000) / updates).toFixed(0).padStart(6)} µs an update`);
}

const nothing = async () => undefined;
await locks.chats.withChat(1, nothing); // connects
await timed("one chat after another (5,000)", 5_000, async () => {
  for (let i = 0; i < 5_000; i++) await locks.chats.withChat(1_000 + i, nothing);
});
await timed("100 chats at once, 50 updates each", 5_000, () =>
  Promise.all(
    Array.from({ length: 100 }, async (_, chat) => {
      for (let i = 0; i < 50; i++) await locks.chats.withChat(2_000 + chat, nothing);
    }),
  ),
);
await timed("one chat, 1,000 updates queued at once", 1_000, () =>
  Promise.all(Array.from({ length: 1_000 }, () => locks.chats.withChat(3_000, nothing))),
);
await locks.close();
