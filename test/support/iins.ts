import { iinCheckDigit } from "../../src/domain/iin.ts";

/** A distinct valid IIN for each n: men (or women) born 1980–1999 on day n. */
export function validIin(n: number, sex: "male" | "female" = "male"): string {
  // The 7th digit: 3 for a man, 4 for a woman born in the 1900s.
  const centuryAndSex = sex === "male" ? "3" : "4";
  for (let serial = 1; ; serial++) {
    const year = String(80 + (n % 20)).padStart(2, "0");
    const month = `0${1 + (Math.floor(n / 20) % 9)}`;
    const day = String(1 + (n % 28)).padStart(2, "0");
    const base = `${year}${month}${day}${centuryAndSex}${String(serial).padStart(4, "0")}`;
    const check = iinCheckDigit(base);
    if (check !== null) return `${base}${check}`;
  }
}

/** A valid IIN of someone born on yymmdd with this century-and-sex digit (5: a man born in the 2000s). */
export function iinBornOn(yymmdd: string, centuryDigit: string): string {
  for (let serial = 1; ; serial++) {
    const base = `${yymmdd}${centuryDigit}${String(serial).padStart(4, "0")}`;
    const check = iinCheckDigit(base);
    if (check !== null) return `${base}${check}`;
  }
}
