// Variables of the service (platform:edge/config). Importing this module makes the component
// import config: declare the variables in platform.toml under [variables].
import config from "platform:edge/config@0.3.0";

/** The variable's value, or null when it is undeclared or has no value. */
export function get(name) {
  const value = config.get(name);
  return value == null ? null : value;
}
