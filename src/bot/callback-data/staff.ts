// Callback data of the staff chat's buttons: "st:<action>:<uuid>[:<ground>]".
// Decoded with zod: a forged or malformed string is refused, never trusted.
import { z } from "zod";
import type { RefusalGround } from "../../domain/application.ts";

export const staffActions = ["take", "register", "refuse", "ground", "back", "close"] as const;
export type StaffAction = (typeof staffActions)[number];

// One letter each: callback data is at most 64 bytes.
const actionCodes: Record<StaffAction, string> = {
  take: "t",
  register: "r",
  refuse: "f",
  ground: "g",
  back: "b",
  close: "c",
};
const groundCodes: Record<RefusalGround, string> = { unreliable_documents: "u", non_compliant_information: "n" };

const schema = z
  .string()
  .regex(/^st:[trfgbc]:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(:[un])?$/)
  .transform((data) => {
    const [, code, id, ground] = data.split(":");
    const action = staffActions.find((a) => actionCodes[a] === code)!;
    const refusalGround = (Object.keys(groundCodes) as RefusalGround[]).find((g) => groundCodes[g] === ground);
    return { action, id: id!, ground: refusalGround };
  })
  .refine((decoded) => (decoded.action === "ground") === (decoded.ground !== undefined));

export type StaffCallback = { action: StaffAction; id: string; ground?: RefusalGround };

export const staffData = {
  filter: /^st:/,

  encode(action: StaffAction, id: string, ground?: RefusalGround): string {
    return `st:${actionCodes[action]}:${id}${ground ? `:${groundCodes[ground]}` : ""}`;
  },

  decode(data: string): StaffCallback | undefined {
    const parsed = schema.safeParse(data);
    return parsed.success ? parsed.data : undefined;
  },
};
