// Callback data of the appeal card's buttons in the staff chat:
// "sa:<action>:<uuid>[:<body>]", decoded with zod.
import { z } from "zod";
import { type Addressee, addressees } from "../../domain/appeal.ts";

const actions = ["satisfy", "refuse", "refer", "referTo", "extend", "lacking"] as const;
export type StaffAppealAction = (typeof actions)[number];

// One letter each: callback data is at most 64 bytes.
const codes: Record<StaffAppealAction, string> = {
  satisfy: "s",
  refuse: "r",
  refer: "f",
  referTo: "t",
  extend: "e",
  lacking: "n",
};
const bodyCodes: Record<Addressee, string> = {
  service_provider: "p",
  local_executive_body: "l",
  ministry_of_labour: "m",
};

const schema = z
  .string()
  .regex(/^sa:[srften]:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(:[plm])?$/)
  .transform((data) => {
    const [, code, id, body] = data.split(":");
    return {
      action: actions.find((a) => codes[a] === code)!,
      id: id!,
      body: addressees.find((b) => bodyCodes[b] === body),
    };
  })
  .refine((decoded) => (decoded.action === "referTo") === (decoded.body !== undefined));

export const staffAppealData = {
  filter: /^sa:/,
  encode: (action: StaffAppealAction, id: string, body?: Addressee) =>
    `sa:${codes[action]}:${id}${body ? `:${bodyCodes[body]}` : ""}`,
  decode(data: string) {
    const parsed = schema.safeParse(data);
    return parsed.success ? parsed.data : undefined;
  },
};
