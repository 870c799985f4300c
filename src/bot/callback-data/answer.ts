// Callback data of the buttons inside the registration form: "a:<question>:<value>".
// The question id lets a press on a button of an earlier question be told
// apart from an answer to the current one.
import { z } from "zod";

const schema = z
  .string()
  .max(64)
  .regex(/^a:[a-z_]{1,24}:[a-z0-9_]{1,32}$/)
  .transform((data) => {
    const [, question, value] = data.split(":");
    return { question: question!, value: value! };
  });

export const answerData = {
  encode(question: string, value: string): string {
    return `a:${question}:${value}`;
  },

  decode(data: string): { question: string; value: string } | undefined {
    const parsed = schema.safeParse(data);
    return parsed.success ? parsed.data : undefined;
  },
};
