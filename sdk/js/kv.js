// Key-value stores of the service (platform:edge/key-value). Importing this module makes the
// component import key-value: declare the stores in platform.toml, [capabilities] key_value_stores.
// Every function throws an Error with the platform's message when the store refuses the call.
import keyValue from "platform:edge/key-value@0.3.0";
import { utf8Decode, utf8Encode } from "./edge.js";

function call(fn) {
  try {
    return fn();
  } catch (error) {
    throw new Error(`key-value: ${error?.message ?? error}`);
  }
}

// Values cross as content (0.3.0): text (one string) when they are valid UTF-8, bytes otherwise.

/** The value's bytes, or null when the key is absent. */
export function get(store, key) {
  const value = call(() => keyValue.get(store, key));
  if (value == null) return null;
  return value.tag === "text" ? utf8Encode(value.val) : Uint8Array.from(value.val);
}

/** The value as UTF-8 text (malformed bytes become U+FFFD), or null when the key is absent. */
export function getText(store, key) {
  const value = call(() => keyValue.get(store, key));
  if (value == null) return null;
  return value.tag === "text" ? value.val : utf8Decode(value.val);
}

/** Stores a string (as text) or a Uint8Array / array of bytes (as bytes). */
export function set(store, key, value) {
  const content = typeof value === "string" ? { tag: "text", val: value } : { tag: "bytes", val: value };
  call(() => keyValue.set(store, key, content));
}

export function remove(store, key) {
  call(() => keyValue.delete(store, key));
}

export function listKeys(store) {
  return call(() => keyValue.listKeys(store));
}
