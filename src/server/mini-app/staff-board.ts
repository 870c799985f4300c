// What the desk asks of the bot after an operator acted in it: the group's
// card shows the new state (as after a press on its buttons), and the
// person's messages go out now. The server does not import the bot; main
// wiring (src/app.ts) passes the bot's staff desk in as these callbacks.
import type { Actor } from "../../domain/actor.ts";
import type { Appeal } from "../../domain/appeal.ts";
import type { Application } from "../../domain/application.ts";
import type { Complaint } from "../../domain/complaint.ts";
import type { ThreadView } from "../../services/support.ts";

export type StaffBoard = {
  applicationChanged(application: Application): Promise<void>;
  appealChanged(appeal: Appeal): Promise<void>;
  complaintChanged(complaint: Complaint): Promise<void>;
  /**
   * An operator's answer in a support conversation, sent to the person as the
   * group's replies are; the group's thread says who answered, so that no one
   * answers twice.
   */
  answerThread(view: ThreadView, text: string, operator: Actor): Promise<void>;
  /** The person is told; the group's thread says who closed it. */
  threadClosed(view: ThreadView, operator: Actor): Promise<void>;
  /** Decisions reach the person through the outbox (retried until Telegram takes them): send it now. */
  sendReminders(): void;
};
