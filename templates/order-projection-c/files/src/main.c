/*
 * {{ service_name }}: order projection on the Platform edge, an event consumer.
 * Owned by team {{ team }}. Generated from template order-projection-c.
 *
 * Events: every order event of topic "{{ orders_topic }}" arrives in platform_handle_event(). A valid one (see
 * order.h) replaces the order's entry in the key-value store "orders" (the latest state of each order); a malformed
 * one is an error, so the platform delivers it again and, after the trigger's last attempt, moves it to the dead
 * letters with the reason attached. The projection is left as it was.
 *
 * Routes (below {{ route }}):
 *   GET  /orders/<id>  the latest state of one order: {"id":"o-1","status":"paid","amount":42.50,"currency":"EUR",...}
 *   GET  /orders       a summary: {"orders":2,"statuses":{"created":1,"paid":1,...},"totals":{"EUR":84.00}}
 *   GET  /healthz      health check used by the platform
 *   anything else      404 (405 for a known path with another method), all as JSON
 *
 * Key-value data lives on each edge node; nodes do not share it (see README.md).
 */
#include "../platform/platform_edge.h"
#include "order.h"
#include <stdlib.h>
#include <string.h>

#define SERVICE_NAME "{{ service_name }}"
#define ROUTE "{{ route }}"
#define TOPIC "{{ orders_topic }}"
#define STORE "orders"
#define KEY_PREFIX "order/"
#define MAX_EVENT_BYTES 16384
#define LOG_LEVEL_{{ log_level }} 1

/* ---- JSON output ---- */

/* Appends text as the contents of a JSON string: quotes, backslashes and control characters escaped. */
static void append_escaped(pe_response *out, const char *text, size_t len) {
  for (size_t i = 0; i < len; i++) {
    unsigned char ch = (unsigned char)text[i];
    if (ch == '"' || ch == '\\') {
      pe_response_append_str(out, ch == '"' ? "\\\"" : "\\\\");
    } else if (ch < 0x20) {
      char escape[7] = { '\\', 'u', '0', '0', "0123456789abcdef"[ch >> 4], "0123456789abcdef"[ch & 15], '\0' };
      pe_response_append_str(out, escape);
    } else {
      pe_response_append_body(out, &text[i], 1);
    }
  }
}

/* An amount in hundredths as a JSON number with two decimals: 4250 -> 42.50. */
static void append_amount(pe_response *out, uint64_t cents) {
  char fraction[3] = { (char)('0' + cents % 100 / 10), (char)('0' + cents % 10), '\0' };
  pe_response_append_uint(out, cents / 100);
  pe_response_append_str(out, ".");
  pe_response_append_str(out, fraction);
}

static void json(pe_response *resp, uint16_t status, const char *body) {
  pe_response_set_status(resp, status);
  pe_response_add_header(resp, "content-type", "application/json");
  pe_response_set_body_str(resp, body);
}

static void json_error(pe_response *resp, uint16_t status, const char *message) {
  pe_response_set_status(resp, status);
  pe_response_add_header(resp, "content-type", "application/json");
  pe_response_append_str(resp, "{\"error\":\"");
  append_escaped(resp, message, strlen(message));
  pe_response_append_str(resp, "\"}");
}

/* ---- structured logs ---- */

static void log_line(pe_log_level level, pe_response *line) {
  pe_log_n(level, (const char *)line->body.ptr, line->body.len);
  pe_response_free(line);
}

/* One line per request: {"route":"/x","method":"GET","status":200[,"error":"..."]}. */
static void log_request(const pe_request *req, pe_string path, uint16_t status, const char *error) {
#if defined(LOG_LEVEL_warn)
  if (status < 400) return;
#endif
  pe_response line = {0};
  pe_response_append_str(&line, "{\"route\":\"");
  append_escaped(&line, path.ptr, path.len);
  pe_response_append_str(&line, "\",\"method\":\"");
  append_escaped(&line, req->method.ptr, req->method.len);
  pe_response_append_str(&line, "\",\"status\":");
  pe_response_append_uint(&line, status);
  if (error) {
    pe_response_append_str(&line, ",\"error\":\"");
    append_escaped(&line, error, strlen(error));
    pe_response_append_str(&line, "\"");
  }
  pe_response_append_str(&line, "}");
  log_line(status >= 500 ? PE_LOG_ERROR : status >= 400 ? PE_LOG_WARN : PE_LOG_INFO, &line);
}

/* One line per event: {"event":"<id>","key":"...","attempt":1,("order":"o-1","status":"paid"|"error":"...")}. */
static void log_event(const pe_event *event, const order *o, const char *error) {
#if defined(LOG_LEVEL_warn)
  if (!error) return;
#endif
  pe_response line = {0};
  pe_response_append_str(&line, "{\"event\":\"");
  append_escaped(&line, event->id.ptr, event->id.len);
  pe_response_append_str(&line, "\",\"key\":\"");
  append_escaped(&line, event->key.ptr, event->key.len);
  pe_response_append_str(&line, "\",\"attempt\":");
  pe_response_append_uint(&line, event->attempt);
  if (error) {
    pe_response_append_str(&line, ",\"error\":\"");
    append_escaped(&line, error, strlen(error));
  } else {
    pe_response_append_str(&line, ",\"order\":\"");
    pe_response_append_str(&line, o->id); /* ids are [A-Za-z0-9_.:-]: no escaping */
    pe_response_append_str(&line, "\",\"status\":\"");
    pe_response_append_str(&line, order_statuses[o->status]);
  }
  pe_response_append_str(&line, "\"}");
  log_line(error ? PE_LOG_WARN : PE_LOG_INFO, &line);
}

/* ---- the projection ---- */

/* The stored state of an order, itself a valid order event (order_parse reads it back for the summary). */
static void append_order(pe_response *out, const order *o, pe_string event_id) {
  pe_response_append_str(out, "{\"id\":\"");
  pe_response_append_str(out, o->id);
  pe_response_append_str(out, "\",\"status\":\"");
  pe_response_append_str(out, order_statuses[o->status]);
  pe_response_append_str(out, "\",\"amount\":");
  append_amount(out, o->amount_cents);
  pe_response_append_str(out, ",\"currency\":\"");
  pe_response_append_str(out, o->currency);
  pe_response_append_str(out, "\",\"event\":\"");
  append_escaped(out, event_id.ptr, event_id.len);
  pe_response_append_str(out, "\"}");
}

static char error_message[160];

/* The error returned to the platform (copied by the SDK): prefix and detail, cut to fit. */
static const char *event_error(const char *prefix, const char *detail, size_t detail_len) {
  size_t at = strlen(prefix);
  memcpy(error_message, prefix, at);
  if (detail_len > sizeof error_message - 1 - at) detail_len = sizeof error_message - 1 - at;
  memcpy(error_message + at, detail, detail_len);
  error_message[at + detail_len] = '\0';
  return error_message;
}

const char *platform_handle_event(const pe_event *event) {
  order o;
  const char *problem = event->data.len > MAX_EVENT_BYTES ? "the event is larger than 16384 bytes"
    : order_parse(event->data.ptr, event->data.len, &o);
  if (problem) {
    const char *error = event_error("malformed order event: ", problem, strlen(problem));
    log_event(event, NULL, error);
    return error;
  }

  char key[sizeof KEY_PREFIX + ORDER_ID_MAX];
  memcpy(key, KEY_PREFIX, sizeof KEY_PREFIX - 1);
  strcpy(key + sizeof KEY_PREFIX - 1, o.id);
  pe_response record = {0};
  append_order(&record, &o, event->id);
  pe_string store_error;
  int stored = pe_kv_set(STORE, key, record.body.ptr, record.body.len, &store_error);
  pe_response_free(&record);
  if (stored != 0) {
    const char *error = event_error("the projection store failed: ", store_error.ptr, store_error.len);
    pe_string_free(&store_error);
    log_event(event, NULL, error);
    return error;
  }
  log_event(event, &o, NULL);
  return NULL;
}

/* ---- HTTP ---- */

static const char *store_failed(pe_response *resp, pe_string *error) {
  pe_log_n(PE_LOG_ERROR, error->ptr, error->len);
  pe_string_free(error);
  json_error(resp, 503, "the projection store is unavailable");
  return "projection store unavailable";
}

static const char *get_order(pe_string id, pe_response *resp) {
  char key[sizeof KEY_PREFIX + ORDER_ID_MAX];
  if (id.len == 0 || id.len > ORDER_ID_MAX || memchr(id.ptr, '/', id.len)) {
    json_error(resp, 404, "no such order");
    return NULL;
  }
  memcpy(key, KEY_PREFIX, sizeof KEY_PREFIX - 1);
  memcpy(key + sizeof KEY_PREFIX - 1, id.ptr, id.len);
  key[sizeof KEY_PREFIX - 1 + id.len] = '\0';
  if (strlen(key) != sizeof KEY_PREFIX - 1 + id.len) {
    json_error(resp, 404, "no such order");
    return NULL;
  }
  pe_bytes value;
  pe_string error;
  int found = pe_kv_get(STORE, key, &value, &error);
  if (found == -1) return store_failed(resp, &error);
  if (found == 1) {
    json_error(resp, 404, "no such order");
    return NULL;
  }
  pe_response_set_status(resp, 200);
  pe_response_add_header(resp, "content-type", "application/json");
  pe_response_set_body(resp, value.ptr, value.len); /* written by append_order */
  pe_bytes_free(&value);
  return NULL;
}

typedef struct { char code[4]; uint64_t cents; } currency_total;

static const char *get_summary(pe_response *resp) {
  pe_string_list keys;
  pe_string error;
  if (pe_kv_list_keys(STORE, &keys, &error) != 0) return store_failed(resp, &error);
  size_t orders = 0, by_status[ORDER_STATUS_COUNT] = {0}, currencies = 0;
  currency_total *totals = calloc(keys.len + 1, sizeof *totals);
  if (!totals) __builtin_trap();
  for (size_t i = 0; i < keys.len; i++) {
    pe_string k = keys.ptr[i];
    if (k.len <= sizeof KEY_PREFIX - 1 || memcmp(k.ptr, KEY_PREFIX, sizeof KEY_PREFIX - 1) != 0) continue;
    char key[sizeof KEY_PREFIX + ORDER_ID_MAX];
    if (k.len >= sizeof key) continue;
    memcpy(key, k.ptr, k.len);
    key[k.len] = '\0';
    pe_bytes value;
    int found = pe_kv_get(STORE, key, &value, &error);
    if (found == -1) pe_string_free(&error);
    if (found != 0) continue;
    order o;
    const char *invalid = order_parse(value.ptr, value.len, &o);
    pe_bytes_free(&value);
    if (invalid) continue; /* not written by this service */
    orders++;
    by_status[o.status]++;
    size_t c = 0;
    while (c < currencies && strcmp(totals[c].code, o.currency) != 0) c++;
    if (c == currencies) memcpy(totals[currencies++].code, o.currency, 4);
    totals[c].cents += o.amount_cents;
  }
  pe_string_list_free(&keys);

  pe_response_set_status(resp, 200);
  pe_response_add_header(resp, "content-type", "application/json");
  pe_response_append_str(resp, "{\"orders\":");
  pe_response_append_uint(resp, orders);
  pe_response_append_str(resp, ",\"statuses\":{");
  for (int s = 0; s < ORDER_STATUS_COUNT; s++) {
    pe_response_append_str(resp, s ? ",\"" : "\"");
    pe_response_append_str(resp, order_statuses[s]);
    pe_response_append_str(resp, "\":");
    pe_response_append_uint(resp, by_status[s]);
  }
  pe_response_append_str(resp, "},\"totals\":{");
  for (size_t c = 0; c < currencies; c++) {
    pe_response_append_str(resp, c ? ",\"" : "\"");
    pe_response_append_str(resp, totals[c].code);
    pe_response_append_str(resp, "\":");
    append_amount(resp, totals[c].cents);
  }
  pe_response_append_str(resp, "}}");
  free(totals);
  return NULL;
}

void platform_handle(const pe_request *req, pe_response *resp) {
  pe_string path = pe_request_path(req);
  /* The edge passes the full path; strip this service's route prefix. */
  size_t prefix = strlen(ROUTE);
  pe_string rest = { path.ptr + prefix, path.len >= prefix ? path.len - prefix : 0 };
  int get = pe_string_eq(req->method, "GET");
  int one_order = rest.len > 8 && memcmp(rest.ptr, "/orders/", 8) == 0;
  const char *error = NULL;

  if (pe_string_eq(rest, "/healthz") && get) {
    json(resp, 200, "{\"status\":\"ok\"}");
  } else if ((rest.len == 0 || pe_string_eq(rest, "/")) && get) {
    json(resp, 200, "{\"service\":\"" SERVICE_NAME "\",\"topic\":\"" TOPIC "\",\"routes\":[\"GET /orders\",\"GET /orders/<id>\"]}");
  } else if (pe_string_eq(rest, "/orders") && get) {
    error = get_summary(resp);
  } else if (one_order && get) {
    error = get_order((pe_string){ rest.ptr + 8, rest.len - 8 }, resp);
  } else if (pe_string_eq(rest, "/orders") || one_order || pe_string_eq(rest, "/healthz")) {
    json_error(resp, 405, "method not allowed");
    error = "method not allowed";
  } else {
    json_error(resp, 404, "not found");
  }
  log_request(req, path, resp->status, error);
}
