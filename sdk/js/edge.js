// Platform edge SDK for JavaScript: helpers around the `platform:edge/service@0.3.0` world
// (wit/platform-edge.wit). Built by tools/wasm/build-js-component.sh with QuickJS.
//
//   import { serve, json } from "../platform/edge.js";
//   export const handler = serve("/my-service", (req) => json(200, { hello: req.query.name ?? "world" }));
//
// The engine has no Web or Node APIs: no fetch, no TextEncoder, no timers, no clock (Date.now()
// and new Date() trap: the platform grants no WASI). JSON, strings, Math, typed arrays, Map/Set
// work. Math.random() is seeded once at build time, so every request sees the same sequence:
// never use it for anything that must be unpredictable. `console` is routed to the platform log.
// Capabilities live in their own modules (kv.js, config.js): only the ones a service imports
// become imports of its component, and each must be granted in platform.toml.
// Bodies (0.3.0): the node hands a UTF-8 request body over as one string and takes a string
// response body the same way (`text`); other bytes cross as a Uint8Array (`bytes`), one value per byte.
import platformLog from "platform:edge/log@0.3.0";

const LEVELS = ["trace", "debug", "info", "warn", "error"];

/** UTF-8 bytes of a string. */
export function utf8Encode(text) {
  const out = [];
  for (const ch of String(text)) {
    let c = ch.codePointAt(0);
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) {
      if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd; // lone surrogate
      out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    } else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return new Uint8Array(out);
}

/** A string from UTF-8 bytes; malformed sequences become U+FFFD. */
export function utf8Decode(bytes) {
  let text = "";
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    let c = need === 0 ? b : need === 1 ? b & 31 : need === 2 ? b & 15 : b & 7;
    let ok = need >= 0 && i + need < bytes.length;
    for (let k = 1; ok && k <= need; k++) {
      const next = bytes[i + k];
      if ((next & 0xc0) !== 0x80) ok = false;
      else c = (c << 6) | (next & 63);
    }
    if (ok && need === 2 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) ok = false;
    if (ok && need === 3 && (c < 0x10000 || c > 0x10ffff)) ok = false;
    if (!ok) {
      text += "\ufffd";
      i += 1;
      continue;
    }
    text += String.fromCodePoint(c);
    i += need + 1;
  }
  return text;
}

/** Structured logging: one JSON object per line, through the platform log interface. */
export const log = Object.fromEntries(
  LEVELS.map((level) => [level, (message, fields = {}) => platformLog.write(level, JSON.stringify({ msg: String(message), ...fields }))]),
);

globalThis.console = {
  log: (...args) => log.info(args.map(String).join(" ")),
  info: (...args) => log.info(args.map(String).join(" ")),
  debug: (...args) => log.debug(args.map(String).join(" ")),
  warn: (...args) => log.warn(args.map(String).join(" ")),
  error: (...args) => log.error(args.map(String).join(" ")),
};

function decodeComponent(text) {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}

/** Parses "a=1&b=2" into { a: "1", b: "2" } (the last value wins). */
export function parseQuery(query) {
  const values = {};
  for (const pair of query.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const name = decodeComponent(eq < 0 ? pair : pair.slice(0, eq));
    values[name] = eq < 0 ? "" : decodeComponent(pair.slice(eq + 1));
  }
  return values;
}

/** The request as a handler sees it: path relative to the service's route. */
export class Request {
  constructor(raw, route) {
    const q = raw.uri.indexOf("?");
    const fullPath = q < 0 ? raw.uri : raw.uri.slice(0, q);
    const rest = route && fullPath.startsWith(route) ? fullPath.slice(route.length) : fullPath;
    this.method = raw.method;
    this.uri = raw.uri;
    this.fullPath = fullPath;
    this.path = rest === "" ? "/" : rest;
    this.query = parseQuery(q < 0 ? "" : raw.uri.slice(q + 1));
    this.headers = raw.headers;
    this.rawBody = raw.body;
  }

  /** The body's bytes (encoded on first use when it arrived as text). */
  get body() {
    if (this.bytesCache === undefined) {
      this.bytesCache = this.rawBody.tag === "text" ? utf8Encode(this.rawBody.val) : Uint8Array.from(this.rawBody.val);
    }
    return this.bytesCache;
  }

  /** The first header with this (lower-case) name, or null. */
  header(name) {
    const found = this.headers.find(([key]) => key === name.toLowerCase());
    return found ? found[1] : null;
  }

  /** The body as text (malformed UTF-8 becomes U+FFFD). */
  text() {
    return this.rawBody.tag === "text" ? this.rawBody.val : utf8Decode(this.rawBody.val);
  }

  /** The body parsed as JSON; throws HttpError(400) when it is not. */
  json() {
    try {
      return JSON.parse(this.text());
    } catch {
      throw new HttpError(400, "the request body is not valid JSON");
    }
  }
}

/** Thrown by a handler to answer with a JSON error instead of a 500. */
export class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** A response with a JSON body. */
export function json(status, value, headers = []) {
  return { status, headers: [["content-type", "application/json"], ...headers], body: JSON.stringify(value) };
}

/** A response with a text body. */
export function text(status, body, headers = []) {
  return { status, headers: [["content-type", "text/plain; charset=utf-8"], ...headers], body: String(body) };
}

/**
 * A response body as the world carries it: a string crosses as text (one buffer), a Uint8Array or
 * array of bytes as bytes; nothing is an empty body.
 */
export function toBody(body) {
  if (body == null) return { tag: "text", val: "" };
  if (typeof body === "string") return { tag: "text", val: body };
  if (body instanceof Uint8Array || Array.isArray(body)) return { tag: "bytes", val: body };
  if (body.tag === "text" || body.tag === "bytes") return body;
  throw new TypeError("a response body is a string or a Uint8Array");
}

/**
 * The `handler` export: strips `route` from the path, calls `fn(request)`, turns HttpError into
 * a JSON error and anything else thrown into a logged 500, and logs one line per request at
 * `minLevel` ("debug", "info" or "warn": warn logs only failed requests).
 */
export function serve(route, fn, minLevel = "info") {
  return {
    handle(raw) {
      const req = new Request(raw, route);
      let response;
      try {
        response = fn(req);
      } catch (error) {
        if (error instanceof HttpError) response = json(error.status, { error: error.message });
        else {
          log.error("unhandled error", { error: String(error), stack: String(error?.stack ?? ""), path: req.fullPath });
          response = json(500, { error: "internal error" });
        }
      }
      if (minLevel !== "warn" || response.status >= 400) {
        const level = response.status >= 500 ? "error" : minLevel === "debug" ? "debug" : "info";
        log[level]("request", { route: req.fullPath, method: req.method, status: response.status });
      }
      return { status: response.status, headers: response.headers ?? [], body: toBody(response.body) };
    },
  };
}
