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

/** The value's bytes, or null when the key is absent. */
export function get(store, key) {
  const value = call(() => keyValue.get(store, key));
  return value == null ? null : Uint8Array.from(value);
}

/** The value as UTF-8 text, or null when the key is absent. */
export function getText(store, key) {
  const value = get(store, key);
  return value === null ? null : utf8Decode(value);
}

export function set(store, key, value) {
  call(() => keyValue.set(store, key, typeof value === "string" ? utf8Encode(value) : value));
}

export function remove(store, key) {
  call(() => keyValue.delete(store, key));
}

export function listKeys(store) {
  return call(() => keyValue.listKeys(store));
}
