// {{ service_name }}: HTTP JSON API on the Platform edge, in JavaScript.
// Owned by team {{ team }}. Generated from template js-handler.
//
// Routes (below {{ route }}):
//   GET /               a JSON greeting
//   GET /hello?name=x   a JSON greeting for x
//   GET /healthz        health check used by the platform
//   anything else       404 as JSON
//
// Runs on QuickJS inside a fresh WebAssembly instance per request: no Node or Web APIs, no
// clock (Date.now() traps), no network unless granted. See platform/edge.js.
import { HttpError, json, serve } from "../platform/edge.js";

const SERVICE = "{{ service_name }}";
const GREETING = "{{ greeting }}";

function handle(req) {
  if (req.method !== "GET") throw new HttpError(405, "method not allowed");
  switch (req.path) {
    case "/":
      return json(200, { service: SERVICE, message: GREETING });
    case "/hello": {
      const name = (req.query.name ?? "world").slice(0, 64);
      return json(200, { service: SERVICE, message: `Hello, ${name}!` });
    }
    case "/healthz":
      return json(200, { status: "ok" });
    default:
      throw new HttpError(404, "not found");
  }
}

export const handler = serve("{{ route }}", handle, "{{ log_level }}");
