/*
 * Platform edge SDK for C: hand-written canonical-ABI bindings for the
 * `platform:edge@0.3.0` worlds `service` and `event-service` (wit/platform-edge.wit).
 *
 * A service that defines platform_handle_event() is an event consumer: the build
 * (tools/wasm/build-c-component.sh) then adds events/platform_edge_events.c and targets
 * the `event-service` world. Building with -DPE_WIT_VERSION="0.2.0" -DPE_WIT_MINOR=2 (or
 * "0.1.0" and 1: no events, no publisher) targets an older world, which nodes still serve; the
 * build script passes both when asked for an older version.
 *
 * Content (0.3.0): a body, a key-value value or an event's data crosses as text (one string,
 * copied once) when its bytes are valid UTF-8 and as bytes (one value per byte: slower)
 * otherwise. The SDK chooses for what it sends (pe_utf8_valid); to a service it is always
 * ptr + len.
 *
 * A service implements platform_handle(); everything else is optional. Only the
 * capability functions a service calls end up as imports of its component, so a
 * service that never touches key-value does not need the key-value capability.
 *
 * Memory: strings are UTF-8, NOT NUL-terminated (pe_string has ptr + len).
 * Values returned by capability calls are heap-allocated; release them with the
 * matching pe_*_free function. The request is owned by the SDK and valid only
 * during platform_handle().
 *
 * Do not use stdio (printf, snprintf, ...): wasi-libc's stdio imports WASI functions, which
 * the platform does not grant, so such a component is refused at publish time. Use
 * pe_format_uint / pe_response_append_uint for numbers.
 */
#ifndef PLATFORM_EDGE_H
#define PLATFORM_EDGE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef PE_WIT_VERSION
#define PE_WIT_VERSION "0.3.0"
#define PE_WIT_MINOR 3
#endif
#ifndef PE_WIT_MINOR
#error "PE_WIT_VERSION needs PE_WIT_MINOR beside it (e.g. -DPE_WIT_VERSION=\"0.2.0\" -DPE_WIT_MINOR=2)"
#endif
/* 0.3.0 on: bodies, key-value values and event data are the `content` variant (text or bytes) instead of list<u8>. */
#define PE_CONTENT_VARIANT (PE_WIT_MINOR >= 3)

/* Canonical ABI layouts on wasm32: the string, list and header types below match the component
 * model's memory representation byte for byte (checked with _Static_assert in platform_edge.c);
 * pe_request and pe_response are the SDK's own (a body is ptr + len in every version). */
typedef struct { char *ptr; size_t len; } pe_string;
typedef struct { uint8_t *ptr; size_t len; } pe_bytes;
typedef struct { pe_string name; pe_string value; } pe_header;
typedef struct { pe_header *ptr; size_t len; } pe_headers;
typedef struct { pe_string *ptr; size_t len; } pe_string_list;

/* The `request` record: incoming requests and outbound-http requests. */
typedef struct {
  pe_string method;
  pe_string uri;
  pe_headers headers;
  pe_bytes body;
} pe_request;

/* A response under construction (handler) or received (outbound-http). */
typedef struct {
  uint16_t status;
  pe_headers headers;
  pe_bytes body;
  size_t headers_cap;
  size_t body_cap;
} pe_response;

typedef enum {
  PE_LOG_TRACE = 0,
  PE_LOG_DEBUG = 1,
  PE_LOG_INFO = 2,
  PE_LOG_WARN = 3,
  PE_LOG_ERROR = 4
} pe_log_level;

/* ---- implemented by the service ---- */

/* Called once per request on a fresh instance. resp starts as 200 with no headers and
 * an empty body. A trap (e.g. __builtin_trap, abort) answers 500. */
void platform_handle(const pe_request *req, pe_response *resp);

/* An event delivered to a consumer (event-service world). Owned by the SDK, valid only
 * during platform_handle_event(). */
typedef struct {
  pe_string topic;
  pe_string subject;  /* "_" when published without one */
  pe_string key;      /* empty when published without one */
  pe_string id;       /* the same on every redelivery: dedupe by it */
  uint32_t attempt;   /* 1 on the first delivery */
  pe_headers headers;
  pe_bytes data;
} pe_event;

/* Called once per delivered event on a fresh instance (only in a component built for the
 * event-service world). Return NULL when the event is handled; return an error message
 * (copied by the SDK) to have it delivered again after the trigger's backoff, and to the
 * dead letters, with that message, after its last attempt. A trap counts as an error. */
const char *platform_handle_event(const pe_event *event);

/* ---- request helpers ---- */

/* 1 when s equals the NUL-terminated c string, else 0. */
int pe_string_eq(pe_string s, const char *c);
/* Finds a header by lower-case name; 1 and *value set when present, else 0. */
int pe_request_header(const pe_request *req, const char *name, pe_string *value);
/* The uri up to (excluding) '?'. */
pe_string pe_request_path(const pe_request *req);

/* 1 when the len bytes at data are valid UTF-8 (no overlong forms, surrogates or code points
 * above U+10FFFF), else 0. */
int pe_utf8_valid(const void *data, size_t len);

/* Writes value in decimal into buf (at least 21 bytes, NUL-terminated); returns the length. */
size_t pe_format_uint(char *buf, unsigned long long value);

/* ---- response helpers: return 0 on success, -1 when out of memory ---- */

void pe_response_set_status(pe_response *resp, uint16_t status);
int pe_response_add_header(pe_response *resp, const char *name, const char *value);
int pe_response_add_header_n(pe_response *resp, const char *name, const char *value, size_t value_len);
int pe_response_set_body(pe_response *resp, const void *data, size_t len);
int pe_response_set_body_str(pe_response *resp, const char *text);
int pe_response_append_body(pe_response *resp, const void *data, size_t len);
int pe_response_append_str(pe_response *resp, const char *text);
int pe_response_append_uint(pe_response *resp, unsigned long long value);
/* Frees headers and body of a response returned by pe_http_send. */
void pe_response_free(pe_response *resp);

/* ---- log (platform:edge/log) ---- */

void pe_log(pe_log_level level, const char *message);
void pe_log_n(pe_log_level level, const char *message, size_t len);

/* ---- config (platform:edge/config) ---- */

/* 1 and *value set (free with pe_string_free) when the variable has a value, else 0. */
int pe_config_get(const char *name, pe_string *value);

/* ---- key-value (platform:edge/key-value) ----
 * Results: 0 ok, 1 not found (get only), -1 error with *error set (free with pe_string_free). */

int pe_kv_get(const char *store, const char *key, pe_bytes *value, pe_string *error);
int pe_kv_set(const char *store, const char *key, const void *value, size_t len, pe_string *error);
int pe_kv_delete(const char *store, const char *key, pe_string *error);
int pe_kv_list_keys(const char *store, pe_string_list *keys, pe_string *error);

/* ---- outbound-http (platform:edge/outbound-http) ----
 * 0 and *resp filled (free with pe_response_free); -1 with *error set when refused or failed. */

int pe_http_send(const pe_request *req, pe_response *resp, pe_string *error);

/* ---- publisher (platform:edge/publisher, 0.2.0) ----
 * Publishes data to a topic named in the manifest's publish_topics. subject ("" for none) and
 * key ("" for none; events of one key keep their order) are NUL-terminated. 0 and *sequence set
 * once the broker stored it; -1 with *error set (free with pe_string_free) when refused or failed. */

int pe_publish(const char *topic, const char *subject, const char *key, const void *data, size_t len,
               uint64_t *sequence, pe_string *error);

/* ---- ownership ---- */

void pe_string_free(pe_string *s);
void pe_bytes_free(pe_bytes *b);
void pe_string_list_free(pe_string_list *list);

#ifdef __cplusplus
}
#endif

#endif /* PLATFORM_EDGE_H */
