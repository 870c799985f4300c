// An application's status in words. Russian agrees "registered" with the
// applicant's sex, which the IIN records: i18next's context picks
// status.registered_male or status.registered_female; without a known sex
// the neutral status.registered is used.
import type { TFunction } from "i18next";
import type { ApplicationStatus } from "./application.ts";
import type { Sex } from "./iin.ts";

export function applicationStatusText(t: TFunction, status: ApplicationStatus, applicantSex: Sex | undefined): string {
  return t(`status.${status}`, { context: applicantSex });
}
