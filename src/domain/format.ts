// Dates as DD.MM.YYYY and times as HH:MM in every language, Asia/Almaty.
import { almatyDate, almatyTime, type IsoDate } from "./dates.ts";

export function formatDate(date: IsoDate): string {
  const [year, month, day] = date.split("-");
  return `${day}.${month}.${year}`;
}

export function formatDateTime(instant: Date): string {
  return `${formatDate(almatyDate(instant))} ${almatyTime(instant)}`;
}

/** +77011234567 → +7 701 123 45 67 */
export function formatPhone(phone: string): string {
  const match = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(phone);
  return match ? `+7 ${match[1]} ${match[2]} ${match[3]} ${match[4]}` : phone;
}

/** 450000 → "450 000" */
export function formatTenge(amount: number): string {
  return amount.toLocaleString("en-US").replaceAll(",", " ");
}
