// The Mini Apps' calls to /app/api/: each carries Telegram's initData in
// `Authorization: tma <initData>` (the server checks its signature and age).

export type FieldError = { field: string; message: string };

export type ApiAnswer<T> =
  | { ok: true; body: T }
  /** 400: what the server found wrong, field by field, in the person's language. */
  | { ok: false; status: 400; errors: FieldError[] }
  /** 401: the initData is missing, forged or stale. */
  | { ok: false; status: 401 }
  /** Anything else; `message` is the server's text in the person's language when it gave one. */
  | { ok: false; status: number; message: string | undefined };

export type ApiClient = {
  get<T>(path: string): Promise<ApiAnswer<T>>;
  put<T>(path: string, body: unknown): Promise<ApiAnswer<T>>;
};

export function apiClient(initData: string, base = "/app/api"): ApiClient {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `tma ${initData}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (response.ok) return { ok: true, body: answer as T };
    if (response.status === 401) return { ok: false, status: 401 };
    if (response.status === 400 && Array.isArray(answer.errors)) {
      return { ok: false, status: 400, errors: answer.errors as FieldError[] };
    }
    const message = typeof answer.message === "string" ? answer.message : undefined;
    return { ok: false, status: response.status, message };
  };
  return {
    get: (path) => call("GET", path),
    put: (path, body) => call("PUT", path, body),
  };
}
