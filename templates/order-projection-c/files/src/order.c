/* A small strict JSON parser for order events; see order.h. No allocation, no libc I/O. */
#include "order.h"

#include <string.h>

const char *const order_statuses[ORDER_STATUS_COUNT] = { "created", "paid", "shipped", "delivered", "cancelled" };

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
  else return fail(c, "the event is not valid UTF-8");
  if (c->end - c->p <= need) return fail(c, "the event is not valid UTF-8");
  for (int i = 1; i <= need; i++) {
    uint8_t next = c->p[i];
    if ((next & 0xc0) != 0x80) return fail(c, "the event is not valid UTF-8");
    cp = (cp << 6) | (next & 0x3f);
  }
  if ((need == 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (need == 3 && (cp < 0x10000 || cp > 0x10ffff)))
    return fail(c, "the event is not valid UTF-8");
  c->p += need + 1;
  return 1;
}

/* A string at c->p (the opening quote); on success *start and *len give its raw contents (escapes not decoded). */
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
      } else if (e == '\0' || !strchr("\"\\/bfnrt", e)) {
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

/* Any number per the JSON grammar (fields other than "amount"). */
static int number(cursor *c) {
  if (*c->p == '-') c->p++;
  if (c->p < c->end && *c->p == '0') c->p++;
  else if (!digits(c)) return fail(c, "invalid number");
  if (c->p < c->end && *c->p == '.') {
    c->p++;
    if (!digits(c)) return fail(c, "invalid number");
  }
  if (c->p < c->end && (*c->p == 'e' || *c->p == 'E')) {
    c->p++;
    if (c->p < c->end && (*c->p == '+' || *c->p == '-')) c->p++;
    if (!digits(c)) return fail(c, "invalid number");
  }
  return 1;
}

/* "amount": digits with at most two decimals, read exactly into hundredths (no floating point). */
static int amount(cursor *c, uint64_t *cents) {
  if (c->p >= c->end || *c->p == '-') return fail(c, "\"amount\" must not be negative");
  if (*c->p < '0' || *c->p > '9') return fail(c, "\"amount\" must be a number");
  const uint8_t *begin = c->p;
  uint64_t units = 0;
  if (*c->p == '0') c->p++;
  else
    for (; c->p < c->end && *c->p >= '0' && *c->p <= '9'; c->p++) {
      if (c->p - begin >= 12) return fail(c, "\"amount\" must be below 10^12");
      units = units * 10 + (uint64_t)(*c->p - '0');
    }
  uint64_t hundredths = 0;
  if (c->p < c->end && *c->p == '.') {
    c->p++;
    int decimals = 0;
    for (; c->p < c->end && *c->p >= '0' && *c->p <= '9'; c->p++, decimals++) {
      if (decimals == 2) return fail(c, "\"amount\" may have at most two decimals");
      hundredths += (uint64_t)(*c->p - '0') * (decimals == 0 ? 10 : 1);
    }
    if (decimals == 0) return fail(c, "invalid number");
  }
  if (c->p < c->end && (*c->p == 'e' || *c->p == 'E')) return fail(c, "\"amount\" must be written without an exponent");
  *cents = units * 100 + hundredths;
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

static int is_key(const uint8_t *key, size_t len, const char *name) { return len == strlen(name) && memcmp(key, name, len) == 0; }

/* The string value of a field, which must be a string. */
static int string_field(cursor *c, const char *message, const uint8_t **text, size_t *len) {
  if (c->p >= c->end || *c->p != '"') return fail(c, message);
  return string(c, text, len);
}

static int id_field(cursor *c, order *out) {
  const uint8_t *id;
  size_t len;
  if (!string_field(c, "\"id\" must be a string", &id, &len)) return 0;
  if (len == 0 || len > ORDER_ID_MAX) return fail(c, "\"id\" must be 1 to 64 characters long");
  for (size_t i = 0; i < len; i++) {
    uint8_t t = id[i];
    if (!((t >= 'a' && t <= 'z') || (t >= 'A' && t <= 'Z') || (t >= '0' && t <= '9') || t == '_' || t == '.' || t == ':' || t == '-'))
      return fail(c, "\"id\" may contain only letters, digits and _ . : -");
  }
  memcpy(out->id, id, len);
  out->id[len] = '\0';
  return 1;
}

static int status_field(cursor *c, order *out) {
  const uint8_t *status;
  size_t len;
  if (!string_field(c, "\"status\" must be a string", &status, &len)) return 0;
  for (int i = 0; i < ORDER_STATUS_COUNT; i++) {
    if (is_key(status, len, order_statuses[i])) { out->status = i; return 1; }
  }
  return fail(c, "\"status\" must be one of created, paid, shipped, delivered, cancelled");
}

static int currency_field(cursor *c, order *out) {
  const uint8_t *currency;
  size_t len;
  if (!string_field(c, "\"currency\" must be a string", &currency, &len)) return 0;
  if (len != 3) return fail(c, "\"currency\" must be three upper-case letters");
  for (size_t i = 0; i < 3; i++) {
    if (currency[i] < 'A' || currency[i] > 'Z') return fail(c, "\"currency\" must be three upper-case letters");
    out->currency[i] = (char)currency[i];
  }
  out->currency[3] = '\0';
  return 1;
}

/* An object; at the top level (out != NULL) it also reads the order's fields. */
static int object(cursor *c, int depth, order *out) {
  enum { ID = 1, STATUS = 2, AMOUNT = 4, CURRENCY = 8 };
  unsigned seen = 0;
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
    unsigned field = !out ? 0
      : is_key(key, key_len, "id") ? ID
      : is_key(key, key_len, "status") ? STATUS
      : is_key(key, key_len, "amount") ? AMOUNT
      : is_key(key, key_len, "currency") ? CURRENCY : 0;
    if (field & seen) return fail(c, "duplicate field \"id\", \"status\", \"amount\" or \"currency\"");
    seen |= field;
    int ok = field == ID ? id_field(c, out)
      : field == STATUS ? status_field(c, out)
      : field == AMOUNT ? amount(c, &out->amount_cents)
      : field == CURRENCY ? currency_field(c, out)
      : value(c, depth + 1);
    if (!ok) return 0;
    skip_ws(c);
    if (c->p >= c->end) return fail(c, "unterminated object");
    if (*c->p == '}') { c->p++; break; }
    if (*c->p++ != ',') return fail(c, "expected ',' or '}' in an object");
  }
done:
  if (!out) return 1;
  if (!(seen & ID)) return fail(c, "missing required string field \"id\"");
  if (!(seen & STATUS)) return fail(c, "missing required string field \"status\"");
  if (!(seen & AMOUNT)) return fail(c, "missing required numeric field \"amount\"");
  if (!(seen & CURRENCY)) return fail(c, "missing required string field \"currency\"");
  return 1;
}

static int value(cursor *c, int depth) {
  if (depth > ORDER_MAX_DEPTH) return fail(c, "nesting is too deep");
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
      if (*c->p == '-' || (*c->p >= '0' && *c->p <= '9')) return number(c);
      return fail(c, "invalid JSON value");
  }
}

const char *order_parse(const uint8_t *json, size_t len, order *out) {
  cursor c = { json, json + len, NULL };
  memset(out, 0, sizeof *out);
  skip_ws(&c);
  if (c.p >= c.end) return "the event is empty; an order event is one JSON object";
  if (*c.p != '{') {
    value(&c, 1);
    return c.error ? c.error : "an order event must be a JSON object";
  }
  if (!object(&c, 1, out)) return c.error;
  skip_ws(&c);
  if (c.p != c.end) return "unexpected content after the JSON object";
  return NULL;
}
