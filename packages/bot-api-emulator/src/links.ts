// URL checks after tdlib's LinkManager::check_link: a missing scheme means http, only
// http(s), tg and ton links are accepted, a host without a dot ("localhost") is a
// "Wrong HTTP URL", and http(s) links come back normalized ("example.com" → "http://example.com/").

export type LinkCheck = { ok: true; url: string } | { ok: false; reason: string };

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

export function checkLink(input: string): LinkCheck {
  const url = input.trim();
  const scheme = SCHEME.exec(url)?.[1]?.toLowerCase();
  if (scheme === "tg" || scheme === "ton" || scheme === "tonsite") return checkAppLink(url, scheme);
  if (scheme === "http" || scheme === "https") return checkHttpLink(url);
  if (scheme !== undefined && !isHostWithPort(url, scheme)) return { ok: false, reason: "Unsupported URL protocol" };
  return checkHttpLink(`http://${url}`);
}

/** The lenient variant used for <a href>: an invalid link silently yields no entity. */
export function checkedLink(input: string): string | undefined {
  const result = checkLink(input);
  return result.ok ? result.url : undefined;
}

/** "example.com:8080/x" looks like a URL with the scheme "example.com"; "mailto:x" does not. */
function isHostWithPort(url: string, scheme: string): boolean {
  return /^\d/.test(url.slice(scheme.length + 1));
}

function checkAppLink(url: string, scheme: string): LinkCheck {
  const rest = url.slice(scheme.length + 1).replace(/^\/\//, "");
  const host = /^[^/?#]*/.exec(rest)?.[0] ?? "";
  if (host === "" || !/^[a-z0-9_-]+$/i.test(host)) {
    return { ok: false, reason: scheme === "tg" ? "Wrong tg URL" : "Wrong ton URL" };
  }
  return { ok: true, url: `${scheme}://${rest}` };
}

function checkHttpLink(url: string): LinkCheck {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: "Wrong HTTP URL" };
  }
  const host = parsed.hostname;
  if (!host.startsWith("[") && !host.includes(".")) return { ok: false, reason: "Wrong HTTP URL" };
  return { ok: true, url: parsed.href };
}
