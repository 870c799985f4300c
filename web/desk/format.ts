// Dates as the bot writes them (DD.MM.YYYY, HH:MM in Almaty), whatever the
// operator's browser is set to.

export function formatDate(isoDate: string | null): string {
  if (!isoDate) return "—";
  const [year, month, day] = isoDate.split("-");
  return `${day}.${month}.${year}`;
}

const almaty = new Intl.DateTimeFormat("ru-RU", {
  timeZone: "Asia/Almaty",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

export function formatDateTime(instant: string | null): string {
  return instant ? almaty.format(new Date(instant)).replace(",", "") : "—";
}
