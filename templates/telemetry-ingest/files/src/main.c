/*
 * {{ service_name }}: telemetry ingest on the Platform edge.
 * Owned by team {{ team }}. Generated from template telemetry-ingest.
 *
 * Routes (below {{ route }}):
 *   POST /events           one JSON event {"type":"click","ts":1732560000,...}: validated
 *                          strictly (see event.h), stored in the key-value store "events";
 *                          202 when accepted, 400 with {"error":"..."} when not, 413 when too big
 *   GET  /counts           {"total":3,"counts":{"click":2,"view":1}}
 *   GET  /events?limit=N   the N newest events by ts (default 10, at most 100): {"events":[...]}
 *   GET  /healthz          health check used by the platform
 *   anything else          404 (405 for a known path with another method), all as JSON
 *
 * With an events topic (template parameter events_topic), every accepted event is also published to that topic
 * through the publisher capability (key: its type, subject "accepted", data: the event as received) before the 202;
 * when publishing fails the answer is 503 and the client sends the event again (stored once, published again).
 * Without one the component does not import the publisher at all.
 *
 * Each event is one key: e/<ts as 15 digits><3 digits of fraction>/<type>/<FNV-1a of the body>.
 * Counting and ordering read only the key list, and two requests never write the same key
 * (an identical event sent twice is stored once). The store keeps the newest MAX_EVENTS events.
 * Key-value data lives on each edge node; nodes do not share it.
 */
#include "../platform/platform_edge.h"
#include "event.h"
#include <stdlib.h>
#include <string.h>

#define SERVICE_NAME "{{ service_name }}"
#define ROUTE "{{ route }}"
#define STORE "events"
#define MAX_EVENT_BYTES {{ max_event_bytes }}
#define MAX_EVENTS {{ max_events }}
#define LOG_LEVEL_{{ log_level }} 1
{% if events_topic %}
#define EVENTS_TOPIC "{{ events_topic }}"
{% endif %}
#define DEFAULT_LIMIT 10
#define MAX_LIMIT 100

_Static_assert(MAX_EVENT_BYTES >= 64 && MAX_EVENT_BYTES <= 65536, "max_event_bytes must be between 64 and 65536");
_Static_assert(MAX_EVENTS >= 1 && MAX_EVENTS <= 10000, "max_events must be between 1 and 10000");

static void json(pe_response *resp, uint16_t status, const char *body) {
  pe_response_set_status(resp, status);
  pe_response_add_header(resp, "content-type", "application/json");
  pe_response_set_body_str(resp, body);
}

/* {"error":"<message>"}; messages are fixed ASCII texts, some quoting field names. */
static void json_error(pe_response *resp, uint16_t status, const char *message) {
  pe_response_set_status(resp, status);
  pe_response_add_header(resp, "content-type", "application/json");
  pe_response_append_str(resp, "{\"error\":\"");
  for (const char *m = message; *m; m++) {
    if (*m == '"' || *m == '\\') pe_response_append_str(resp, "\\");
    pe_response_append_body(resp, m, 1);
  }
  pe_response_append_str(resp, "\"}");
}

/* One structured log line per request: {"route":"/x","method":"GET","status":200[,"error":"..."]}. */
static void log_request(const pe_request *req, pe_string path, uint16_t status, const char *error) {
#if defined(LOG_LEVEL_warn)
  if (status < 400) return;
#endif
  pe_response line = {0};
  pe_response_append_str(&line, "{\"route\":\"");
  pe_response_append_body(&line, path.ptr, path.len);
  pe_response_append_str(&line, "\",\"method\":\"");
  pe_response_append_body(&line, req->method.ptr, req->method.len);
  pe_response_append_str(&line, "\",\"status\":");
  pe_response_append_uint(&line, status);
  if (error) {
    pe_response_append_str(&line, ",\"error\":\"");
    for (const char *m = error; *m; m++) {
      if (*m == '"' || *m == '\\') pe_response_append_str(&line, "\\");
      pe_response_append_body(&line, m, 1);
    }
    pe_response_append_str(&line, "\"");
  }
  pe_response_append_str(&line, "}");
  pe_log_n(status >= 500 ? PE_LOG_ERROR : status >= 400 ? PE_LOG_WARN : PE_LOG_INFO, (const char *)line.body.ptr, line.body.len);
  pe_response_free(&line);
}

/* Writes value as exactly width decimal digits (zero-padded) at out. */
static void put_padded(char *out, unsigned long long value, int width) {
  for (int i = width - 1; i >= 0; i--) { out[i] = (char)('0' + value % 10); value /= 10; }
}

static uint64_t fnv1a(const uint8_t *data, size_t len) {
  uint64_t hash = 1469598103934665603ULL;
  for (size_t i = 0; i < len; i++) { hash ^= data[i]; hash *= 1099511628211ULL; }
  return hash;
}

static int is_event_key(pe_string key) { return key.len > 2 && key.ptr[0] == 'e' && key.ptr[1] == '/'; }

/* The <type> segment of an event key. */
static pe_string key_type(pe_string key) {
  const char *start = memchr(key.ptr + 2, '/', key.len - 2);
  if (!start) return (pe_string){ key.ptr, 0 };
  start++;
  const char *end = memchr(start, '/', key.len - (size_t)(start - key.ptr));
  return (pe_string){ (char *)start, end ? (size_t)(end - start) : 0 };
}

static int compare_strings(const pe_string *a, const pe_string *b) {
  size_t n = a->len < b->len ? a->len : b->len;
  int c = memcmp(a->ptr, b->ptr, n);
  return c != 0 ? c : (a->len > b->len) - (a->len < b->len);
}

static int by_key(const void *a, const void *b) { return compare_strings(a, b); }

static int by_type(const void *a, const void *b) {
  pe_string ta = key_type(*(const pe_string *)a), tb = key_type(*(const pe_string *)b);
  return compare_strings(&ta, &tb);
}

/* The event keys of the store, sorted oldest first; -1 with *error set when the store fails. */
static int event_keys(pe_string_list *keys, size_t *count, pe_string *error) {
  if (pe_kv_list_keys(STORE, keys, error) != 0) return -1;
  size_t n = 0;
  for (size_t i = 0; i < keys->len; i++) {
    /* Swap, not overwrite: pe_string_list_free still frees every key exactly once. */
    if (!is_event_key(keys->ptr[i])) continue;
    pe_string kept = keys->ptr[i];
    keys->ptr[i] = keys->ptr[n];
    keys->ptr[n++] = kept;
  }
  *count = n;
  qsort(keys->ptr, n, sizeof(pe_string), by_key);
  return 0;
}

static char *dup_key(pe_string key) {
  char *copy = malloc(key.len + 1);
  if (copy) { memcpy(copy, key.ptr, key.len); copy[key.len] = '\0'; }
  return copy;
}

static const char *store_failed(pe_response *resp, pe_string *error) {
  pe_log_n(PE_LOG_ERROR, error->ptr, error->len);
  pe_string_free(error);
  json_error(resp, 503, "the event store is unavailable");
  return "event store unavailable";
}

static const char *post_event(const pe_request *req, pe_response *resp) {
  if (req->body.len > MAX_EVENT_BYTES) {
    json_error(resp, 413, "the event is larger than the limit of this service");
    return "event too large";
  }
  event_fields event;
  const char *invalid = event_validate(req->body.ptr, req->body.len, &event);
  if (invalid) {
    json_error(resp, 400, invalid);
    return invalid;
  }

  /* e/ + 18 digits + / + type + / + 16 hex digits */
  char key[2 + 18 + 1 + EVENT_TYPE_MAX + 1 + 16 + 1];
  unsigned long long seconds = (unsigned long long)event.ts;
  unsigned fraction = (unsigned)((event.ts - (double)seconds) * 1000.0);
  if (fraction > 999) fraction = 999;
  size_t at = 0;
  memcpy(key, "e/", 2); at += 2;
  put_padded(key + at, seconds, 15); at += 15;
  put_padded(key + at, fraction, 3); at += 3;
  key[at++] = '/';
  memcpy(key + at, event.type, event.type_len); at += event.type_len;
  key[at++] = '/';
  uint64_t hash = fnv1a(req->body.ptr, req->body.len);
  for (int i = 15; i >= 0; i--) { key[at + (size_t)i] = "0123456789abcdef"[hash & 15]; hash >>= 4; }
  at += 16;
  key[at] = '\0';

  pe_string error;
  if (pe_kv_set(STORE, key, req->body.ptr, req->body.len, &error) != 0) return store_failed(resp, &error);

#ifdef EVENTS_TOPIC
  /* One event per accepted record, keyed by its type: a consumer gets the events of one type in order. */
  char type_key[EVENT_TYPE_MAX + 1];
  memcpy(type_key, event.type, event.type_len);
  type_key[event.type_len] = '\0';
  uint64_t sequence;
  if (pe_publish(EVENTS_TOPIC, "accepted", type_key, req->body.ptr, req->body.len, &sequence, &error) != 0) {
    pe_log_n(PE_LOG_ERROR, error.ptr, error.len);
    pe_string_free(&error);
    json_error(resp, 503, "the event was stored but not published to " EVENTS_TOPIC "; send it again");
    return "publish failed";
  }
#endif

  /* Retention: keep the newest MAX_EVENTS. */
  pe_string_list keys;
  size_t count;
  if (event_keys(&keys, &count, &error) != 0) return store_failed(resp, &error);
  for (size_t i = 0; count > MAX_EVENTS && i < count - MAX_EVENTS; i++) {
    char *old = dup_key(keys.ptr[i]);
    if (old && pe_kv_delete(STORE, old, &error) != 0) pe_string_free(&error);
    free(old);
  }
  pe_string_list_free(&keys);

  pe_response_set_status(resp, 202);
  pe_response_add_header(resp, "content-type", "application/json");
  pe_response_append_str(resp, "{\"accepted\":true,\"type\":\"");
  pe_response_append_body(resp, event.type, event.type_len);
  pe_response_append_str(resp, "\",\"key\":\"");
  pe_response_append_str(resp, key);
#ifdef EVENTS_TOPIC
  pe_response_append_str(resp, "\",\"published\":{\"topic\":\"" EVENTS_TOPIC "\",\"sequence\":");
  pe_response_append_uint(resp, sequence);
  pe_response_append_str(resp, "}}");
#else
  pe_response_append_str(resp, "\"}");
#endif
  return NULL;
}

static const char *get_counts(pe_response *resp) {
  pe_string_list keys;
  pe_string error;
  size_t count;
  if (event_keys(&keys, &count, &error) != 0) return store_failed(resp, &error);
  qsort(keys.ptr, count, sizeof(pe_string), by_type);
  pe_response_set_status(resp, 200);
  pe_response_add_header(resp, "content-type", "application/json");
  pe_response_append_str(resp, "{\"total\":");
  pe_response_append_uint(resp, count);
  pe_response_append_str(resp, ",\"counts\":{");
  for (size_t i = 0; i < count;) {
    pe_string type = key_type(keys.ptr[i]);
    size_t run = 1;
    while (i + run < count && by_type(&keys.ptr[i], &keys.ptr[i + run]) == 0) run++;
    if (i > 0) pe_response_append_str(resp, ",");
    pe_response_append_str(resp, "\"");
    pe_response_append_body(resp, type.ptr, type.len); /* types are [A-Za-z0-9_.:-]: no escaping */
    pe_response_append_str(resp, "\":");
    pe_response_append_uint(resp, run);
    i += run;
  }
  pe_response_append_str(resp, "}}");
  pe_string_list_free(&keys);
  return NULL;
}

/* The value of ?limit=N: DEFAULT_LIMIT when absent, -1 when not a number in 1..MAX_LIMIT. */
static int parse_limit(const pe_request *req) {
  const char *q = memchr(req->uri.ptr, '?', req->uri.len);
  if (!q) return DEFAULT_LIMIT;
  const char *end = req->uri.ptr + req->uri.len;
  for (const char *p = q + 1; p < end;) {
    const char *amp = memchr(p, '&', (size_t)(end - p));
    const char *stop = amp ? amp : end;
    if (stop - p > 6 && memcmp(p, "limit=", 6) == 0) {
      int value = 0;
      for (const char *d = p + 6; d < stop; d++) {
        if (*d < '0' || *d > '9' || value > MAX_LIMIT) return -1;
        value = value * 10 + (*d - '0');
      }
      return value >= 1 && value <= MAX_LIMIT ? value : -1;
    }
    p = stop + 1;
  }
  return DEFAULT_LIMIT;
}

static const char *get_events(const pe_request *req, pe_response *resp) {
  int limit = parse_limit(req);
  if (limit < 0) {
    json_error(resp, 400, "limit must be a whole number from 1 to 100");
    return "invalid limit";
  }
  pe_string_list keys;
  pe_string error;
  size_t count;
  if (event_keys(&keys, &count, &error) != 0) return store_failed(resp, &error);
  pe_response_set_status(resp, 200);
  pe_response_add_header(resp, "content-type", "application/json");
  pe_response_append_str(resp, "{\"events\":[");
  size_t written = 0;
  for (size_t i = count; i > 0 && written < (size_t)limit; i--) {
    char *key = dup_key(keys.ptr[i - 1]);
    pe_bytes value;
    int found = key ? pe_kv_get(STORE, key, &value, &error) : 1;
    free(key);
    if (found == -1) pe_string_free(&error);
    if (found != 0) continue; /* deleted meanwhile by retention */
    if (written++ > 0) pe_response_append_str(resp, ",");
    pe_response_append_body(resp, value.ptr, value.len); /* validated JSON, stored as received */
    pe_bytes_free(&value);
  }
  pe_response_append_str(resp, "]}");
  pe_string_list_free(&keys);
  return NULL;
}

void platform_handle(const pe_request *req, pe_response *resp) {
  pe_string path = pe_request_path(req);
  /* The edge passes the full path; strip this service's route prefix. */
  size_t prefix = strlen(ROUTE);
  pe_string rest = { path.ptr + prefix, path.len >= prefix ? path.len - prefix : 0 };
  int get = pe_string_eq(req->method, "GET"), post = pe_string_eq(req->method, "POST");
  const char *error = NULL;

  if (pe_string_eq(rest, "/healthz") && get) {
    json(resp, 200, "{\"status\":\"ok\"}");
  } else if ((rest.len == 0 || pe_string_eq(rest, "/")) && get) {
    json(resp, 200, "{\"service\":\"" SERVICE_NAME "\",\"routes\":[\"POST /events\",\"GET /events?limit=N\",\"GET /counts\"]}");
  } else if (pe_string_eq(rest, "/events") && post) {
    error = post_event(req, resp);
  } else if (pe_string_eq(rest, "/events") && get) {
    error = get_events(req, resp);
  } else if (pe_string_eq(rest, "/counts") && get) {
    error = get_counts(resp);
  } else if (pe_string_eq(rest, "/events") || pe_string_eq(rest, "/counts") || pe_string_eq(rest, "/healthz")) {
    json_error(resp, 405, "method not allowed");
    error = "method not allowed";
  } else {
    json_error(resp, 404, "not found");
  }
  log_request(req, path, resp->status, error);
}
