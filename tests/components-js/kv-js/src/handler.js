// Stores the request body in the key-value store "default" and answers what it reads back, through the JavaScript
// SDK's kv.js: /text stores req.text() (a string: the text case) and answers getText(); /bytes stores req.body (a
// Uint8Array: the bytes case) and answers get().
import { serve } from "../platform/edge.js";
import { get, getText, set } from "../platform/kv.js";

function handle(req) {
  switch (req.path) {
    case "/text":
      set("default", "text", req.text());
      return { status: 200, headers: [], body: getText("default", "text") };
    case "/bytes":
      set("default", "bytes", req.body);
      return { status: 200, headers: [], body: get("default", "bytes") };
    default:
      return { status: 404, headers: [] };
  }
}

export const handler = serve("/kv-js", handle, "warn");
