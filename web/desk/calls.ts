// The desk's calls to /app/api/desk/: each carries Telegram's initData in
// `Authorization: tma <initData>`, as the shared client's do; the desk also
// posts decisions and downloads the export (a plain link could not carry the
// header, so the file is fetched and handed to the browser as a blob).

export type DeskAnswer<T> = { ok: true; body: T } | { ok: false; status: number; message: string | undefined };

export type DeskCalls = {
  get<T>(path: string): Promise<DeskAnswer<T>>;
  post<T>(path: string, body?: unknown): Promise<DeskAnswer<T>>;
  download(path: string): Promise<DeskAnswer<{ file: Blob; name: string }>>;
};

export function deskCalls(initData: string, base = "/app/api/desk"): DeskCalls {
  const send = (method: string, path: string, body?: unknown) =>
    fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `tma ${initData}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  const failure = async (response: Response): Promise<DeskAnswer<never>> => {
    const answer = (await response.json().catch(() => ({}))) as { message?: unknown };
    return {
      ok: false,
      status: response.status,
      message: typeof answer.message === "string" ? answer.message : undefined,
    };
  };

  const json = async <T>(method: string, path: string, body?: unknown): Promise<DeskAnswer<T>> => {
    const response = await send(method, path, body).catch(() => undefined);
    if (!response) return { ok: false, status: 0, message: undefined };
    if (!response.ok) return failure(response);
    return { ok: true, body: (await response.json()) as T };
  };

  return {
    get: (path) => json("GET", path),
    post: (path, body) => json("POST", path, body ?? {}),
    async download(path) {
      const response = await send("GET", path).catch(() => undefined);
      if (!response) return { ok: false, status: 0, message: undefined };
      if (!response.ok) return failure(response);
      const name = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? "export.csv";
      return { ok: true, body: { file: await response.blob(), name } };
    },
  };
}
