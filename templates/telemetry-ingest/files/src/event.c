/* A small strict JSON validator for telemetry events; see event.h. No allocation, no libc I/O. */
#include "event.h"

#include <string.h>

typedef struct {
  const uint8_t *p;
  const uint8_t *end;
  const char *error;
} cursor;

static int fail(cursor *c, const char *message) {
  if (c->error == NULL) c->error = message;
  return 0;
}

static void skip_ws(cursor *c) {
  while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r')) c->p++;
}

static int hex4(cursor *c, unsigned *out) {
  if (c->end - c->p < 4) return fail(c, "invalid \\u escape in a string");
  unsigned value = 0;
  for (int i = 0; i < 4; i++) {
    uint8_t h = *c->p++;
    value <<= 4;
    if (h >= '0' && h <= '9') value |= h - '0';
    else if (h >= 'a' && h <= 'f') value |= h - 'a' + 10;
    else if (h >= 'A' && h <= 'F') value |= h - 'A' + 10;
    else return fail(c, "invalid \\u escape in a string");
  }
  *out = value;
  return 1;
}

/* One UTF-8 sequence starting at c->p (a byte >= 0x80): shortest form, no surrogates, <= U+10FFFF. */
static int utf8_sequence(cursor *c) {
  uint8_t b = *c->p;
  int need;
  uint32_t cp;
  if (b >= 0xc2 && b <= 0xdf) { need = 1; cp = b & 0x1f; }
  else if (b >= 0xe0 && b <= 0xef) { need = 2; cp = b & 0x0f; }
  else if (b >= 0xf0 && b <= 0xf4) { need = 3; cp = b & 0x07; }
  else return fail(c, "the body is not valid UTF-8");
  if (c->end - c->p <= need) return fail(c, "the body is not valid UTF-8");
  for (int i = 1; i <= need; i++) {
    uint8_t next = c->p[i];
    if ((next & 0xc0) != 0x80) return fail(c, "the body is not valid UTF-8");
    cp = (cp << 6) | (next & 0x3f);
  }
  if ((need == 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (need == 3 && (cp < 0x10000 || cp > 0x10ffff)))
    return fail(c, "the body is not valid UTF-8");
  c->p += need + 1;
  return 1;
}

/* A string at c->p (the opening quote); on success start and len give the raw contents. */
static int string(cursor *c, const uint8_t **start, size_t *len) {
  c->p++;
  const uint8_t *begin = c->p;
  while (c->p < c->end) {
    uint8_t b = *c->p;
    if (b == '"') {
      if (start) { *start = begin; *len = (size_t)(c->p - begin); }
      c->p++;
      return 1;
    }
    if (b < 0x20) return fail(c, "control character in a string");
    if (b == '\\') {
      c->p++;
      if (c->p >= c->end) break;
      uint8_t e = *c->p++;
      if (e == 'u') {
        unsigned unit;
        if (!hex4(c, &unit)) return 0;
        if (unit >= 0xdc00 && unit <= 0xdfff) return fail(c, "lone surrogate in a \\u escape");
        if (unit >= 0xd800 && unit <= 0xdbff) {
          unsigned low;
          if (c->end - c->p < 2 || c->p[0] != '\\' || c->p[1] != 'u') return fail(c, "lone surrogate in a \\u escape");
          c->p += 2;
          if (!hex4(c, &low)) return 0;
          if (low < 0xdc00 || low > 0xdfff) return fail(c, "lone surrogate in a \\u escape");
        }
      } else if (!strchr("\"\\/bfnrt", e) || e == '\0') {
        return fail(c, "invalid escape in a string");
      }
    } else if (b >= 0x80) {
      if (!utf8_sequence(c)) return 0;
    } else {
      c->p++;
    }
  }
  return fail(c, "unterminated string");
}

static int digits(cursor *c) {
  const uint8_t *begin = c->p;
  while (c->p < c->end && *c->p >= '0' && *c->p <= '9') c->p++;
  return c->p > begin;
}

/* A number per the JSON grammar; *value gets its value (exact enough for ordering timestamps). */
static int number(cursor *c, double *value) {
  const uint8_t *begin = c->p;
  int negative = 0;
  if (*c->p == '-') { negative = 1; c->p++; }
  if (c->p < c->end && *c->p == '0') c->p++;
  else if (!digits(c)) return fail(c, "invalid number");
  const uint8_t *int_end = c->p;
  const uint8_t *frac = NULL, *frac_end = NULL;
  if (c->p < c->end && *c->p == '.') {
    c->p++;
    frac = c->p;
    if (!digits(c)) return fail(c, "invalid number");
    frac_end = c->p;
  }
  long exponent = 0;
  if (c->p < c->end && (*c->p == 'e' || *c->p == 'E')) {
    c->p++;
    int exp_negative = 0;
    if (c->p < c->end && (*c->p == '+' || *c->p == '-')) exp_negative = *c->p++ == '-';
    const uint8_t *exp_begin = c->p;
    if (!digits(c)) return fail(c, "invalid number");
    for (const uint8_t *d = exp_begin; d < c->p && exponent < 10000; d++) exponent = exponent * 10 + (*d - '0');
    if (exp_negative) exponent = -exponent;
  }
  if (value) {
    double v = 0;
    for (const uint8_t *d = begin + negative; d < int_end; d++) v = v * 10 + (*d - '0');
    double scale = 1;
    for (const uint8_t *d = frac; d && d < frac_end; d++) { scale /= 10; v += (*d - '0') * scale; }
    for (; exponent > 0 && v < 1e300; exponent--) v *= 10;
    for (; exponent < 0 && v > 0; exponent++) v /= 10;
    *value = negative ? -v : v;
  }
  return 1;
}

static int literal(cursor *c, const char *word) {
  size_t n = strlen(word);
  if ((size_t)(c->end - c->p) < n || memcmp(c->p, word, n) != 0) return fail(c, "invalid JSON value");
  c->p += n;
  return 1;
}

static int value(cursor *c, int depth);

static int array(cursor *c, int depth) {
  c->p++;
  skip_ws(c);
  if (c->p < c->end && *c->p == ']') { c->p++; return 1; }
  for (;;) {
    if (!value(c, depth + 1)) return 0;
    skip_ws(c);
    if (c->p >= c->end) return fail(c, "unterminated array");
    if (*c->p == ']') { c->p++; return 1; }
    if (*c->p++ != ',') return fail(c, "expected ',' or ']' in an array");
  }
}

/* An object; at the top level (fields != NULL) it also picks out "type" and "ts". */
static int object(cursor *c, int depth, event_fields *fields) {
  int seen_type = 0, seen_ts = 0;
  c->p++;
  skip_ws(c);
  if (c->p < c->end && *c->p == '}') { c->p++; goto done; }
  for (;;) {
    skip_ws(c);
    if (c->p >= c->end || *c->p != '"') return fail(c, "expected a string key in an object");
    const uint8_t *key;
    size_t key_len;
    if (!string(c, &key, &key_len)) return 0;
    skip_ws(c);
    if (c->p >= c->end || *c->p++ != ':') return fail(c, "expected ':' after an object key");
    skip_ws(c);
    int is_type = fields && key_len == 4 && memcmp(key, "type", 4) == 0;
    int is_ts = fields && key_len == 2 && memcmp(key, "ts", 2) == 0;
    if ((is_type && seen_type++) || (is_ts && seen_ts++)) return fail(c, "duplicate field \"type\" or \"ts\"");
    if (is_type) {
      if (c->p >= c->end || *c->p != '"') return fail(c, "\"type\" must be a string");
      const uint8_t *type;
      size_t type_len;
      if (!string(c, &type, &type_len)) return 0;
      if (type_len == 0 || type_len > EVENT_TYPE_MAX) return fail(c, "\"type\" must be 1 to 64 characters long");
      for (size_t i = 0; i < type_len; i++) {
        uint8_t t = type[i];
        if (!((t >= 'a' && t <= 'z') || (t >= 'A' && t <= 'Z') || (t >= '0' && t <= '9') || t == '_' || t == '.' || t == ':' || t == '-'))
          return fail(c, "\"type\" may contain only letters, digits and _ . : -");
      }
      fields->type = (const char *)type;
      fields->type_len = type_len;
    } else if (is_ts) {
      if (c->p >= c->end || !(*c->p == '-' || (*c->p >= '0' && *c->p <= '9'))) return fail(c, "\"ts\" must be a number");
      if (!number(c, &fields->ts)) return 0;
      if (!(fields->ts >= 0 && fields->ts < 1e15)) return fail(c, "\"ts\" must be a non-negative Unix timestamp below 10^15");
    } else if (!value(c, depth + 1)) {
      return 0;
    }
    skip_ws(c);
    if (c->p >= c->end) return fail(c, "unterminated object");
    if (*c->p == '}') { c->p++; break; }
    if (*c->p++ != ',') return fail(c, "expected ',' or '}' in an object");
  }
done:
  if (fields && !seen_type) return fail(c, "missing required string field \"type\"");
  if (fields && !seen_ts) return fail(c, "missing required numeric field \"ts\"");
  return 1;
}

static int value(cursor *c, int depth) {
  if (depth > EVENT_MAX_DEPTH) return fail(c, "nesting is too deep");
  skip_ws(c);
  if (c->p >= c->end) return fail(c, "unexpected end of JSON");
  switch (*c->p) {
    case '{': return object(c, depth, NULL);
    case '[': return array(c, depth);
    case '"': return string(c, NULL, NULL);
    case 't': return literal(c, "true");
    case 'f': return literal(c, "false");
    case 'n': return literal(c, "null");
    default:
      if (*c->p == '-' || (*c->p >= '0' && *c->p <= '9')) return number(c, NULL);
      return fail(c, "invalid JSON value");
  }
}

const char *event_validate(const uint8_t *json, size_t len, event_fields *out) {
  cursor c = { json, json + len, NULL };
  memset(out, 0, sizeof *out);
  skip_ws(&c);
  if (c.p >= c.end) return "the body is empty; send one JSON object";
  if (*c.p != '{') {
    value(&c, 1);
    return c.error ? c.error : "an event must be a JSON object";
  }
  if (!object(&c, 1, out)) return c.error;
  skip_ws(&c);
  if (c.p != c.end) return "unexpected content after the JSON object";
  return NULL;
}
