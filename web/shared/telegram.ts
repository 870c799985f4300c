// The little of Telegram's Mini App bridge the apps use, without loading
// telegram-web-app.js from telegram.org (closed networks: nothing comes from
// outside at run time, and the script is not on npm reliably).
//
// How Telegram hands a page its launch data: the URL's hash carries
// `tgWebAppData=<initData>` (and the theme as `tgWebAppThemeParams`), on every
// platform. A page talks back by posting events (web_app_close,
// web_app_setup_main_button…) through `TelegramWebviewProxy` in the mobile
// apps, or postMessage to the parent in Telegram Web; Telegram answers through
// `Telegram.WebView.receiveEvent` or a message. When telegram-web-app.js is
// on the page anyway (window.Telegram.WebApp), it is used instead.
//
// In a desktop browser (npm run demo) the same hash carries the initData and
// there is no Telegram to talk to: `insideTelegram` is false and the app shows
// its own buttons.

type WebAppObject = {
  initData: string;
  initDataUnsafe?: { user?: { language_code?: string } };
  ready(): void;
  expand(): void;
  close(): void;
  MainButton: {
    setText(text: string): void;
    show(): void;
    hide(): void;
    onClick(handler: () => void): void;
    showProgress(leaveActive?: boolean): void;
    hideProgress(): void;
  };
};

type TelegramWindow = Window & {
  Telegram?: { WebApp?: WebAppObject; WebView?: { receiveEvent?: (type: string, data: unknown) => void } };
  TelegramWebviewProxy?: { postEvent(type: string, data: string): void };
};

export type TelegramBridge = {
  /** The signed launch data every API call carries; empty when opened without it. */
  initData: string;
  /** The person's Telegram language, until the server says which one they chose. */
  languageCode: string | undefined;
  /** False in a plain browser: the page shows its own save button and cannot close itself. */
  insideTelegram: boolean;
  ready(): void;
  /** Telegram's main button: shown with this text, `onPress` on each press. */
  mainButton(text: string, onPress: () => void): void;
  mainButtonBusy(busy: boolean): void;
  /** Closes the Mini App (back to the chat); false when there is nothing to close. */
  close(): boolean;
};

export function connectTelegram(win: TelegramWindow = window): TelegramBridge {
  const launch = new URLSearchParams(win.location.hash.slice(1));
  const webApp = win.Telegram?.WebApp;
  if (webApp?.initData) return bridgeOfScript(webApp);

  applyTheme(launch.get("tgWebAppThemeParams"));
  const initData = launch.get("tgWebAppData") ?? "";
  const proxy = win.TelegramWebviewProxy;
  const framed = win.parent !== win;
  const insideTelegram = proxy !== undefined || framed;
  const post = (type: string, data: unknown = {}) => {
    if (proxy) proxy.postEvent(type, JSON.stringify(data));
    else if (framed) win.parent.postMessage(JSON.stringify({ eventType: type, eventData: data }), "*");
  };
  const handlers = new Map<string, (data: unknown) => void>();
  listen(win, (type, data) => handlers.get(type)?.(data));
  handlers.set("theme_changed", (data) => applyTheme((data as { theme_params?: unknown }).theme_params ?? null));
  let mainText = "";
  return {
    initData,
    languageCode: languageOfInitData(initData),
    insideTelegram,
    ready: () => {
      post("web_app_ready");
      post("web_app_expand");
    },
    mainButton: (text, onPress) => {
      mainText = text;
      handlers.set("main_button_pressed", onPress);
      post("web_app_setup_main_button", { is_visible: true, is_active: true, text });
    },
    mainButtonBusy: (busy) =>
      post("web_app_setup_main_button", {
        is_visible: true,
        is_active: !busy,
        is_progress_visible: busy,
        text: mainText,
      }),
    close: () => {
      if (!insideTelegram) return false;
      post("web_app_close");
      return true;
    },
  };
}

function bridgeOfScript(webApp: WebAppObject): TelegramBridge {
  return {
    initData: webApp.initData,
    languageCode: webApp.initDataUnsafe?.user?.language_code,
    insideTelegram: true,
    ready: () => {
      webApp.ready();
      webApp.expand();
    },
    mainButton: (text, onPress) => {
      webApp.MainButton.setText(text);
      webApp.MainButton.onClick(onPress);
      webApp.MainButton.show();
    },
    mainButtonBusy: (busy) => (busy ? webApp.MainButton.showProgress(false) : webApp.MainButton.hideProgress()),
    close: () => {
      webApp.close();
      return true;
    },
  };
}

function listen(win: TelegramWindow, handle: (type: string, data: unknown) => void): void {
  win.Telegram ??= {};
  win.Telegram.WebView ??= {};
  win.Telegram.WebView.receiveEvent = handle;
  win.addEventListener("message", (event) => {
    if (typeof event.data !== "string") return;
    try {
      const message = JSON.parse(event.data) as { eventType?: unknown; eventData?: unknown };
      if (typeof message.eventType === "string") handle(message.eventType, message.eventData);
    } catch {
      // Not Telegram's: other frames may post what they like.
    }
  });
}

/** Telegram's theme as the CSS variables its own script sets (--tg-theme-bg-color…); the CSS has fallbacks. */
function applyTheme(params: string | unknown | null): void {
  if (params === null || params === undefined) return;
  let theme: unknown = params;
  if (typeof params === "string") {
    try {
      theme = JSON.parse(params);
    } catch {
      return;
    }
  }
  if (typeof theme !== "object" || theme === null) return;
  for (const [key, value] of Object.entries(theme)) {
    if (typeof value === "string" && /^#[0-9a-f]{3,8}$/i.test(value)) {
      document.documentElement.style.setProperty(`--tg-theme-${key.replaceAll("_", "-")}`, value);
    }
  }
}

function languageOfInitData(initData: string): string | undefined {
  try {
    const user = JSON.parse(new URLSearchParams(initData).get("user") ?? "{}") as { language_code?: unknown };
    return typeof user.language_code === "string" ? user.language_code : undefined;
  } catch {
    return undefined;
  }
}
