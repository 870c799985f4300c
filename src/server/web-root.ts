// Where the Mini Apps' built pages are (scripts/build-web.ts writes them;
// npm start builds them when stale). Two folders below the root, as the
// bundle npm start runs is (dist/bundle/main.js), so the path resolves the
// same from the sources and from the bundle.
import path from "node:path";

export const webRoot = path.resolve(import.meta.dirname, "../../dist/web");
