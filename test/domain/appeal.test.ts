import { describe, expect, it } from "vitest";
import {
  appealDue,
  appealSchema,
  canAppealTransition,
  canRefer,
  checkExtension,
  isAppealOpen,
  isRefusedBySilence,
} from "../../src/domain/appeal.ts";
import { parseBin } from "../../src/domain/bin.ts";
import {
  canComplaintTransition,
  complaintDue,
  initialComplaintStatus,
  isComplaintLate,
} from "../../src/domain/complaint.ts";

describe("an appeal", () => {
  it.each([
    ["received", "non_compliant", true],
    ["non_compliant", "received", true],
    ["received", "withdrawn", true],
    ["extended", "satisfied", true],
    ["received", "refused_by_silence", true],
    ["satisfied", "withdrawn", false],
    ["referred", "satisfied", false],
    ["withdrawn", "received", false],
    ["refused_by_silence", "satisfied", false],
  ] as const)("%s → %s: %s", (from, to, allowed) => {
    expect(canAppealTransition(from, to)).toBe(allowed);
  });

  it("can be withdrawn or put right only before a decision", () => {
    expect(isAppealOpen("received")).toBe(true);
    expect(isAppealOpen("non_compliant")).toBe(true);
    expect(isAppealOpen("refused")).toBe(false);
  });

  it("is referred within 3 working days of receipt, Nauryz not counted", () => {
    // Received Thursday 19.03.2026: 20.03, 26.03, 27.03 are the 3 working days.
    expect(canRefer("received", "2026-03-19", "2026-03-27")).toBe(true);
    expect(canRefer("received", "2026-03-19", "2026-03-30")).toBe(false);
    expect(canRefer("satisfied", "2026-03-19", "2026-03-20")).toBe(false);
  });

  it("is due in 15 working days unless extended, and an extension stays within 2 months of that", () => {
    expect(appealDue({ received: "2026-11-27" })).toBe("2026-12-21");
    expect(appealDue({ received: "2026-11-27", extendedTo: "2027-01-29" })).toBe("2027-01-29");
    expect(checkExtension("2026-11-27", "2027-02-22")).toEqual({ ok: true });
    expect(checkExtension("2026-11-27", "2027-02-23")).toEqual({ ok: false, reason: "beyond_limit" });
    expect(checkExtension("2026-11-27", "2026-12-21")).toEqual({ ok: false, reason: "not_later" });
  });

  it("counts as refused once its due date has passed without a decision", () => {
    expect(isRefusedBySilence("received", { received: "2026-11-27" }, "2026-12-21")).toBe(false);
    expect(isRefusedBySilence("received", { received: "2026-11-27" }, "2026-12-22")).toBe(true);
    expect(isRefusedBySilence("extended", { received: "2026-11-27", extendedTo: "2027-01-29" }, "2026-12-22")).toBe(
      false,
    );
    expect(isRefusedBySilence("satisfied", { received: "2026-11-27" }, "2027-06-01")).toBe(false);
  });

  it("states the appellant by IIN and postal address, or a legal entity by BIN", () => {
    const base = {
      fullName: "Сейітқали Айгерім",
      addressee: "service_provider",
      essence: "Прошу пересмотреть решение по заявлению № 2026-000001.",
      date: "2026-11-27",
    } as const;
    expect(
      appealSchema.safeParse({
        ...base,
        identity: { kind: "natural", iin: "900101300017", postalAddress: "г. Алматы, ул. Абая, 1" },
      }).success,
    ).toBe(true);
    expect(
      appealSchema.safeParse({
        ...base,
        identity: { kind: "legal", bin: "050140001238", postalAddress: "г. Астана, пр. Мәңгілік Ел, 8" },
      }).success,
    ).toBe(true);
    expect(
      appealSchema.safeParse({ ...base, identity: { kind: "legal", bin: "050140001239", postalAddress: "г. Астана" } })
        .success,
    ).toBe(false);
    expect(
      appealSchema.safeParse({ ...base, identity: { kind: "natural", iin: "900101300017", postalAddress: "" } })
        .success,
    ).toBe(false);
  });
});

describe("a BIN", () => {
  it("has a registration month, an entity type and the IIN's check digit", () => {
    expect(parseBin("0501 4000 1238")).toEqual({ ok: true, bin: "050140001238" });
    expect(parseBin("050140001239")).toEqual({ ok: false, reason: "checksum" });
    expect(parseBin("051340001238")).toEqual({ ok: false, reason: "format" });
    expect(parseBin("050110001238")).toEqual({ ok: false, reason: "format" });
  });
});

describe("a complaint", () => {
  it("filed after the 3-month window is still received, and waits for the body to renew the term", () => {
    // Learned 30.11.2025: the window ends on Monday 02.03.2026 (28.02 is a Saturday).
    expect(isComplaintLate("2025-11-30", "2026-03-02")).toBe(false);
    expect(isComplaintLate("2025-11-30", "2026-03-03")).toBe(true);
    expect(initialComplaintStatus("2025-11-30", "2026-03-03")).toBe("awaiting_renewal");
    expect(initialComplaintStatus("2025-11-30", "2026-02-27")).toBe("received");
    expect(canComplaintTransition("awaiting_renewal", "received")).toBe(true);
    expect(canComplaintTransition("renewal_refused", "received")).toBe(false);
  });

  it("is decided within 5 working days", () => {
    expect(complaintDue("2026-03-18")).toBe("2026-03-30");
  });
});
