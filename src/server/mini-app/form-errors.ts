// What the schema found wrong with a web save, worded from locales/ in the
// person's language: the chat's own texts where the chat has one, the web
// form's (miniApp.errors) for what only a form can get wrong.
import type { z } from "zod";
import type { Translate } from "../../bot/i18n.ts";
import { limits } from "../../domain/application.ts";

/** A field's path as the front end names it ("experience.0.end") and what to tell the person. */
export type FieldError = { field: string; message: string };

const chatOnlyFields = new Set(["phone", "iin"]);

export function describeFormIssues(issues: readonly z.core.$ZodIssue[], t: Translate): FieldError[] {
  return issues.flatMap((issue): FieldError[] => {
    const field = issue.path.join(".");
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({
        field: key,
        message: t(chatOnlyFields.has(key) ? "miniApp.errors.chatOnly" : "miniApp.errors.unknownField"),
      }));
    }
    return [{ field, message: t(...messageOf(issue)) }];
  });
}

type Message = [key: string, values?: Record<string, string | number>];

function messageOf(issue: z.core.$ZodIssue): Message {
  const path = issue.path.map(String);
  const inName = path[0] === "fullName";
  const last = path.at(-1);
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? ["miniApp.errors.required"] : ["miniApp.errors.invalid"];
    case "too_small":
      if (issue.origin === "string") return ["registration.errors.empty"];
      if (issue.origin === "array") return ["miniApp.errors.chooseOne"];
      return numberOutOfRange(path);
    case "too_big":
      if (issue.origin === "string")
        return inName
          ? ["registration.errors.nameTooLong", { max: Number(issue.maximum) }]
          : ["registration.errors.tooLong", { max: Number(issue.maximum) }];
      if (issue.origin === "array") return ["miniApp.errors.tooManyEntries", { max: Number(issue.maximum) }];
      return numberOutOfRange(path);
    case "invalid_format":
      return inName ? ["registration.errors.nameLetters"] : ["miniApp.errors.invalid"];
    case "invalid_value":
      return ["miniApp.errors.notAChoice"];
    case "custom":
      if (last === "end") return ["miniApp.errors.endBeforeStart"];
      if (path[0] === "workingHours") return ["miniApp.errors.eachOnce"];
      // The one other refinement of the form: control characters in a text.
      return ["registration.errors.badCharacters"];
    default:
      return ["miniApp.errors.invalid"];
  }
}

function numberOutOfRange(path: string[]): Message {
  if (path[0] === "desiredSalary")
    return ["registration.errors.salary", { min: limits.minSalary, max: limits.maxSalary }];
  if (path.at(-1) === "month") return ["miniApp.errors.outOfRange", { min: 1, max: 12 }];
  return ["miniApp.errors.outOfRange", { min: 1940, max: 2100 }];
}
