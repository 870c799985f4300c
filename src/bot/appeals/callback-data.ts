// Callback data of the appeal buttons: "ap:<action>:<uuid>", decoded with zod.
import { z } from "zod";

const actions = ["withdraw", "confirm", "keep", "fix"] as const;

const schema = z
  .string()
  .regex(/^ap:(withdraw|confirm|keep|fix):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
  .transform((data) => {
    const [, action, id] = data.split(":");
    return { action: z.enum(actions).parse(action), id: id! };
  });

export const appealData = {
  filter: /^ap:/,
  encode: (action: (typeof actions)[number], id: string) => `ap:${action}:${id}`,
  decode(data: string) {
    const parsed = schema.safeParse(data);
    return parsed.success ? parsed.data : undefined;
  },
};

/** The button under a refusal that explains the complaint route: opens /complaint. */
export const COMPLAINT_DATA = "cp:new";
