// Links from the staff group into the operators' desk. Telegram allows no
// web_app buttons in groups, so a card's "Open" is a url button with a direct
// Mini App link: https://t.me/<bot>/<app>?startapp=<param>.
import { InlineKeyboard } from "grammy";
import type { DeskRecordKind, DeskStarts } from "../../services/desk-start.ts";
import type { Translate } from "../i18n.ts";

export type DeskLinks = {
  record(kind: DeskRecordKind, id: string): string;
  find(): string;
  export(): string;
};

/** Undefined without a desk (STAFF_APP_NAME unset): then the group gets no links. */
export function createDeskLinks(deps: {
  appName: string | undefined;
  /** Known once the bot has asked Telegram who it is (getMe), after the links are wired. */
  botUsername: () => string;
  starts: DeskStarts;
}): DeskLinks | undefined {
  const { appName, botUsername, starts } = deps;
  if (!appName) return undefined;
  const link = (param: string) => `https://t.me/${botUsername()}/${appName}?startapp=${param}`;
  return {
    record: (kind, id) => link(starts.forRecord(kind, id)),
    find: () => link("find"),
    export: () => link("export"),
  };
}

/**
 * The card's quick actions with "Open" on a row of its own below them; a
 * decided card, with no actions left, keeps "Open" alone.
 */
export function withOpenButton(
  t: Translate,
  keyboard: InlineKeyboard | undefined,
  links: DeskLinks | undefined,
  record: { kind: DeskRecordKind; id: string },
): InlineKeyboard | undefined {
  if (!links) return keyboard;
  return (keyboard ? keyboard.row() : new InlineKeyboard()).url(
    t("staff.button.open"),
    links.record(record.kind, record.id),
  );
}
