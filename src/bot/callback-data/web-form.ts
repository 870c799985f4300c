/** "Continue the application" under the chat's note of a web save: goes on at the draft's step. */
export const WEB_FORM_CONTINUE_DATA = "webform:continue";
