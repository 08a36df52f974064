// Echoes the request body through the JavaScript SDK (built with sdk/js as platform/): /text answers req.text()
// (a string: the text case), /bytes answers req.body (a Uint8Array: the bytes case), /json a JSON document made with
// json(); x-length is the body's length in bytes as the handler saw it.
import { json, serve } from "../platform/edge.js";

function handle(req) {
  const headers = [["x-length", String(req.body.length)]];
  switch (req.path) {
    case "/text":
      return { status: 200, headers, body: req.text() };
    case "/bytes":
      return { status: 200, headers, body: req.body };
    case "/json":
      return json(200, { method: req.method, text: req.text() }, headers);
    default:
      return { status: 404, headers };
  }
}

export const handler = serve("/echo-js", handle, "warn");
