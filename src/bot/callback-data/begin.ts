/** The "fill in the application" / "continue" button: opens the form at the person's step. */
export const BEGIN_DATA = "flow:begin";
