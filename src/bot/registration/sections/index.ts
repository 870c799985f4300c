import type { Section } from "../section.ts";
import type { StepId } from "../steps.ts";
import { consentSection } from "./consent.ts";
import { educationSection } from "./education.ts";
import { experienceSection } from "./experience.ts";
import { fullNameSection } from "./full-name.ts";
import { iinSection } from "./iin.ts";
import { otpSection } from "./otp.ts";
import { phoneSection } from "./phone.ts";
import { preferencesSection } from "./preferences.ts";
import { skillsSection } from "./skills.ts";
import { summarySection } from "./summary.ts";

export const sections: Record<StepId, Section> = {
  phone: phoneSection,
  iin: iinSection,
  full_name: fullNameSection,
  experience: experienceSection,
  education: educationSection,
  skills: skillsSection,
  preferences: preferencesSection,
  summary: summarySection,
  consent: consentSection,
  otp: otpSection,
};
