import { expect, it } from "vitest";
import { applicationFormSchema } from "../src/domain/application.ts";
import { describeError, maskPhone } from "../src/logger.ts";

it("describes a validation error without the values it rejected", () => {
  const result = applicationFormSchema.safeParse({ phone: "+77011234567", iin: "900101300018" });
  expect(result.success).toBe(false);
  const described = JSON.stringify(describeError(result.error));
  expect(described).not.toContain("900101300018");
  expect(described).not.toContain("7011234567");
  expect(described).toContain("iin");
});

it("describes a Prisma error by its kind and code only", () => {
  const error = Object.assign(new Error('Invalid `prisma.application.update()` invocation: iin: "900101300017"'), {
    name: "PrismaClientKnownRequestError",
    code: "P2025",
  });
  expect(describeError(error)).toEqual({ type: "PrismaClientKnownRequestError", code: "P2025" });
});

it("masks phone numbers", () => {
  expect(maskPhone("+77011234567")).toBe("+7701*****67");
});
