import type { User } from "./types.ts";

/** A test person known to the emulator. */
export interface UserAccount {
  readonly user: User;
  readonly phoneNumber: string | undefined;
}

export interface NewUser {
  id?: number;
  firstName: string;
  lastName?: string;
  username?: string;
  languageCode?: string;
  phoneNumber?: string;
}

export function createUserAccount(input: NewUser, id: number): UserAccount {
  const user: User = { id, is_bot: false, first_name: input.firstName };
  if (input.lastName !== undefined) user.last_name = input.lastName;
  if (input.username !== undefined) user.username = input.username;
  if (input.languageCode !== undefined) user.language_code = input.languageCode;
  return { user, phoneNumber: input.phoneNumber };
}
