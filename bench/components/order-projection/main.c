/*
 * order-projection: an event consumer the events benchmark (scripts/bench.sh, BENCH_ONLY=events) runs on an edge node.
 * Each event is an order as JSON, e.g.
 *   {"orderId":"o-1-42","customer":"c-0042","amount":1999,"currency":"EUR","items":[{"sku":"sku-7","qty":2}],"placedAt":…}
 * The handler reads the top-level members (strings without escapes, integers; other values are skipped), refuses an
 * order without orderId, customer, a non-negative integer amount or a three-letter currency (the event is delivered
 * again and ends in the dead letters), and writes the projection {"customer":…,"amount":…,"currency":…} under
 * "order:<orderId>" in the key-value store "default". HTTP (below the route): GET /orders/<orderId> answers it.
 */
#include <string.h>

#include "platform_edge.h"

#define MAX_ID 64

typedef struct { const char *p; const char *end; } cursor;
typedef struct { pe_string order_id, customer, currency; unsigned long long amount; int has_amount; } order;

static void skip_space(cursor *c) {
  while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r')) c->p++;
}

/* A string without escapes: its bytes between the quotes. */
static int read_string(cursor *c, pe_string *out) {
  if (c->p >= c->end || *c->p != '"') return 0;
  const char *start = ++c->p;
  while (c->p < c->end && *c->p != '"') {
    if (*c->p == '\\' || (unsigned char)*c->p < 0x20) return 0;
    c->p++;
  }
  if (c->p >= c->end) return 0;
  *out = (pe_string){ (char *)start, (size_t)(c->p - start) };
  c->p++;
  return 1;
}

static int read_uint(cursor *c, unsigned long long *out) {
  const char *start = c->p;
  unsigned long long value = 0;
  while (c->p < c->end && *c->p >= '0' && *c->p <= '9') {
    if (value > (~0ULL - 9) / 10) return 0;
    value = value * 10 + (unsigned long long)(*c->p++ - '0');
  }
  *out = value;
  return c->p > start;
}

/* Skips any value: strings (escapes included), numbers, literals, and nested objects and arrays. */
static int skip_value(cursor *c) {
  int depth = 0;
  do {
    skip_space(c);
    if (c->p >= c->end) return 0;
    char ch = *c->p;
    if (ch == '"') {
      c->p++;
      while (c->p < c->end && *c->p != '"') c->p += *c->p == '\\' ? 2 : 1;
      if (c->p >= c->end) return 0;
      c->p++;
    } else if (ch == '{' || ch == '[') {
      depth++;
      c->p++;
    } else if (ch == '}' || ch == ']') {
      if (--depth < 0) return 0;
      c->p++;
    } else {
      while (c->p < c->end && *c->p != ',' && *c->p != '}' && *c->p != ']' && *c->p != ' ') c->p++;
    }
    skip_space(c);
    if (depth > 0 && c->p < c->end && (*c->p == ',' || *c->p == ':')) c->p++;
  } while (depth > 0);
  return 1;
}

static const char *parse_order(const uint8_t *data, size_t len, order *o) {
  cursor c = { (const char *)data, (const char *)data + len };
  memset(o, 0, sizeof *o);
  skip_space(&c);
  if (c.p >= c.end || *c.p++ != '{') return "invalid order: not a JSON object";
  for (;;) {
    pe_string name;
    skip_space(&c);
    if (!read_string(&c, &name)) return "invalid order: expected a member name";
    skip_space(&c);
    if (c.p >= c.end || *c.p++ != ':') return "invalid order: expected ':'";
    skip_space(&c);
    int ok;
    if (pe_string_eq(name, "orderId")) ok = read_string(&c, &o->order_id);
    else if (pe_string_eq(name, "customer")) ok = read_string(&c, &o->customer);
    else if (pe_string_eq(name, "currency")) ok = read_string(&c, &o->currency);
    else if (pe_string_eq(name, "amount")) ok = o->has_amount = read_uint(&c, &o->amount);
    else ok = skip_value(&c);
    if (!ok) return "invalid order: a member's value cannot be read";
    skip_space(&c);
    if (c.p < c.end && *c.p == ',') { c.p++; continue; }
    if (c.p < c.end && *c.p == '}') break;
    return "invalid order: expected ',' or '}'";
  }
  if (o->order_id.len == 0 || o->order_id.len > MAX_ID) return "invalid order: orderId missing or too long";
  if (o->customer.len == 0 || o->customer.len > MAX_ID) return "invalid order: customer missing or too long";
  if (!o->has_amount) return "invalid order: amount missing or not a non-negative integer";
  if (o->currency.len != 3) return "invalid order: currency must be three letters";
  for (size_t i = 0; i < 3; i++) {
    if (o->currency.ptr[i] < 'A' || o->currency.ptr[i] > 'Z') return "invalid order: currency must be three letters";
  }
  return NULL;
}

/* "order:<id>" as a NUL-terminated key. */
static void order_key(char key[sizeof "order:" + MAX_ID], const char *id, size_t len) {
  memcpy(key, "order:", 6);
  memcpy(key + 6, id, len);
  key[6 + len] = 0;
}

const char *platform_handle_event(const pe_event *event) {
  order o;
  const char *invalid = parse_order(event->data.ptr, event->data.len, &o);
  if (invalid != NULL) return invalid;
  pe_response value = {0};
  char number[21];
  size_t digits = pe_format_uint(number, o.amount);
  if (pe_response_append_str(&value, "{\"customer\":\"") < 0 || pe_response_append_body(&value, o.customer.ptr, o.customer.len) < 0
      || pe_response_append_str(&value, "\",\"amount\":") < 0 || pe_response_append_body(&value, number, digits) < 0
      || pe_response_append_str(&value, ",\"currency\":\"") < 0 || pe_response_append_body(&value, o.currency.ptr, 3) < 0
      || pe_response_append_str(&value, "\"}") < 0) {
    pe_response_free(&value);
    return "out of memory";
  }
  char key[sizeof "order:" + MAX_ID];
  order_key(key, o.order_id.ptr, o.order_id.len);
  pe_string error;
  int set = pe_kv_set("default", key, value.body.ptr, value.body.len, &error);
  pe_response_free(&value);
  if (set < 0) {
    pe_string_free(&error);
    return "key-value write failed";
  }
  return NULL;
}

void platform_handle(const pe_request *req, pe_response *resp) {
  pe_string path = pe_request_path(req);
  static const char prefix[] = "/orders/";
  /* The path starts with the service's route on the shared host: the order id is what follows the last "/orders/". */
  const char *id = NULL;
  for (size_t i = 0; i + sizeof prefix - 1 <= path.len; i++) {
    if (memcmp(path.ptr + i, prefix, sizeof prefix - 1) == 0) id = path.ptr + i + sizeof prefix - 1;
  }
  size_t id_len = id ? (size_t)(path.ptr + path.len - id) : 0;
  if (id == NULL || id_len == 0 || id_len > MAX_ID || memchr(id, '/', id_len) != NULL) {
    pe_response_set_status(resp, 404);
    return;
  }
  char key[sizeof "order:" + MAX_ID];
  order_key(key, id, id_len);
  pe_bytes stored;
  pe_string error;
  int found = pe_kv_get("default", key, &stored, &error);
  if (found != 0) {
    pe_response_set_status(resp, found > 0 ? 404 : 500);
    if (found < 0) pe_string_free(&error);
    return;
  }
  pe_response_add_header(resp, "content-type", "application/json");
  pe_response_set_body(resp, stored.ptr, stored.len);
  pe_bytes_free(&stored);
}
