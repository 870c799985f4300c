// Callback data of /mydata's buttons: "md:show", "md:ask:<right>",
// "md:do:<right>", "md:keep"; decoded with zod.
import { z } from "zod";

export const dataRights = ["application", "consent", "draft"] as const;
export type DataRight = (typeof dataRights)[number];

export type MyDataAction = { step: "show" } | { step: "keep" } | { step: "ask" | "do"; right: DataRight };

const schema = z.union([
  z.literal("md:show").transform((): MyDataAction => ({ step: "show" })),
  z.literal("md:keep").transform((): MyDataAction => ({ step: "keep" })),
  z
    .string()
    .regex(/^md:(ask|do):(application|consent|draft)$/)
    .transform((data): MyDataAction => {
      const [, step, right] = data.split(":");
      return { step: z.enum(["ask", "do"]).parse(step), right: z.enum(dataRights).parse(right) };
    }),
]);

export const myDataData = {
  filter: /^md:/,
  encode: (action: MyDataAction) =>
    action.step === "ask" || action.step === "do" ? `md:${action.step}:${action.right}` : `md:${action.step}`,
  decode(data: string): MyDataAction | undefined {
    const parsed = schema.safeParse(data);
    return parsed.success ? parsed.data : undefined;
  },
};
