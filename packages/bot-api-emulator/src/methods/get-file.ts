import { badRequest } from "../api-error.ts";
import { TEXT } from "../error-texts.ts";
import type { MethodContext } from "../method-context.ts";
import type { TelegramFile } from "../types.ts";

export function getFile(context: MethodContext): TelegramFile {
  const { files } = context.world;
  const file = files.get(context.params.string("file_id") ?? "");
  if (!file) throw badRequest(TEXT.invalidFileId);
  return files.toTelegramFile(file);
}
