// An open conversation with the staff (/operator) and a form in progress: the
// form gets its answers, and what is written outside a form still reaches
// the operators.
import type { TestUser } from "@job-seeker/bot-api-emulator";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Harness, startHarness } from "../support/app-harness.ts";
import { validIin } from "../support/iins.ts";
import { texts } from "../support/texts.ts";

const kk = texts("kk");
const ru = texts("ru");
let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ staff: true });
});
afterAll(async () => {
  await harness.close();
});

/** What was relayed to the staff chat from applicants (the staff chat speaks Russian). */
const relayed = () =>
  harness
    .staff!.operators[0].in(harness.staff!.group)
    .messages()
    .map((m) => m.text ?? "")
    .filter((text) => text.startsWith(ru.start("staff.thread.fromApplicant")));

async function openThread(user: TestUser): Promise<void> {
  await user.send("/start");
  await user.press("Қазақша");
  await user.send("/operator");
  expect(user.lastText()).toBe(kk("operator.opened"));
}

it("an appeal started while a conversation with the staff is open gets its answers; nothing is relayed", async () => {
  const user = harness.user("Алия", "kk");
  await openThread(user);

  await user.send("/appeal");
  const answers = [
    "Сейітқали Алия Ерланқызы",
    "Алматы қ., Абай к-сі, 1, 5-пәтер",
    "Еңбек өтілін растайтын құжаттарды түсіндіріп беруіңізді сұраймын.",
  ];
  await user.send(answers[0]!);
  expect(user.lastText()).toBe(kk("appeal.kind"));
  await user.press(kk("appeal.kindNatural"));
  await user.send(validIin(11));
  await user.send(answers[1]!);
  await user.press(kk("appeal.body.service_provider"));
  await user.send(answers[2]!);
  await user.press(kk("appeal.sign"));
  await user.shareContact({ phone: "+77051000011" });
  await user.send(harness.sms.lastCode());
  expect(user.lastText()).toMatch(kk.pattern("appeal.receipt"));

  const appeal = await harness.app.database.prisma.appeal.findFirstOrThrow();
  expect(harness.app.database.cipher.openJson("appeal.content", appeal.content)).toMatchObject({
    fullName: answers[0],
    identity: { kind: "natural", iin: validIin(11), postalAddress: answers[1] },
    essence: answers[2],
  });
  expect(user.messages().filter((m) => m.text === kk("operator.sent"))).toHaveLength(0);
  expect(relayed()).toEqual([]);

  // The appeal filed, what the person writes goes to the staff again.
  await user.send("Өтінішім қашан қаралады?");
  expect(user.lastText()).toBe(kk("operator.sent"));
  await harness.staff!.operators[0].in(harness.staff!.group).waitFor(() => relayed().length === 1);
  expect(relayed()).toEqual([ru("staff.thread.fromApplicant", { text: "Өтінішім қашан қаралады?" })]);
});

it("a complaint in progress gets its answers while the conversation with the staff is open", async () => {
  const user = harness.user("Ерлан", "kk");
  await openThread(user);
  const relayedBefore = relayed();
  await user.send("/complaint");
  await user.send("Жақсыбеков Ерлан");
  await user.send("Мансап орталығының әрекетсіздігі");
  expect(user.lastText()).toBe(kk("complaint.learned"));
  await user.press(kk("complaint.today"));
  await user.send("Өтінішімді қарап, жауап беруіңізді сұраймын.");
  expect(user.lastText()).toContain(kk.start("complaint.check"));
  expect(user.messages().filter((m) => m.text === kk("operator.sent"))).toHaveLength(0);
  expect(relayed()).toEqual(relayedBefore);
});

it("the other way round: an appeal left for /operator, then what is written goes to the staff", async () => {
  const user = harness.user("Дана", "kk");
  await user.send("/start");
  await user.press("Қазақша");
  await user.send("/appeal");
  await user.send("Дана Серікқызы");
  expect(user.lastText()).toBe(kk("appeal.kind"));
  await user.send("/operator");
  expect(user.lastText()).toBe(kk("operator.opened"));
  await user.send("Әкімшілік өтінішті қалай толтырамын?");
  expect(user.lastText()).toBe(kk("operator.sent"));
  await harness
    .staff!.operators[0].in(harness.staff!.group)
    .waitFor(() =>
      relayed().includes(ru("staff.thread.fromApplicant", { text: "Әкімшілік өтінішті қалай толтырамын?" })),
    );
});
