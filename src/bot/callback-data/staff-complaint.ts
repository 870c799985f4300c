// Callback data of the complaint card's buttons: "sc:<action>:<uuid>", decoded with zod.
import { z } from "zod";

const actions = ["renew", "refuseRenewal", "satisfy", "refuse"] as const;
export type StaffComplaintAction = (typeof actions)[number];
const codes: Record<StaffComplaintAction, string> = { renew: "w", refuseRenewal: "x", satisfy: "s", refuse: "r" };

const schema = z
  .string()
  .regex(/^sc:[wxsr]:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
  .transform((data) => {
    const [, code, id] = data.split(":");
    return { action: actions.find((a) => codes[a] === code)!, id: id! };
  });

export const staffComplaintData = {
  filter: /^sc:/,
  encode: (action: StaffComplaintAction, id: string) => `sc:${codes[action]}:${id}`,
  decode(data: string) {
    const parsed = schema.safeParse(data);
    return parsed.success ? parsed.data : undefined;
  },
};
