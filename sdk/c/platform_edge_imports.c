/* Import side of the platform:edge service world. Each host function is referenced only
 * by its wrapper, so wasm-ld's --gc-sections drops the import when the wrapper is unused.
 * Results that flatten to more than one value come back through a return area (retptr)
 * whose layout is spelled out below; the host allocates strings/lists via cabi_realloc. */
#include "platform_edge.h"
#include "platform_edge_abi.h"

#include <string.h>

#define PE_IMPORT(iface, field) \
  __attribute__((import_module("platform:edge/" iface "@" PE_WIT_VERSION), import_name(field)))

PE_IMPORT("log", "write") extern void pe__log_write(int32_t level, const char *msg, size_t len);
PE_IMPORT("config", "get") extern void pe__config_get(const char *name, size_t len, void *ret);
PE_IMPORT("key-value", "get")
extern void pe__kv_get(const char *store, size_t store_len, const char *key, size_t key_len, void *ret);
PE_IMPORT("key-value", "set")
extern void pe__kv_set(const char *store, size_t store_len, const char *key, size_t key_len,
#if PE_CONTENT_VARIANT
                       uint32_t value_case,
#endif
                       const void *value, size_t value_len, void *ret);
PE_IMPORT("key-value", "delete")
extern void pe__kv_delete(const char *store, size_t store_len, const char *key, size_t key_len, void *ret);
PE_IMPORT("key-value", "list-keys")
extern void pe__kv_list_keys(const char *store, size_t store_len, void *ret);
PE_IMPORT("outbound-http", "send")
extern void pe__http_send(const char *method, size_t method_len, const char *uri, size_t uri_len,
                          const pe_header *headers, size_t headers_len,
#if PE_CONTENT_VARIANT
                          uint32_t body_case,
#endif
                          const uint8_t *body, size_t body_len, void *ret);

PE_IMPORT("publisher", "publish")
extern void pe__publish(const char *topic, size_t topic_len, const char *subject, size_t subject_len,
                        const char *key, size_t key_len,
#if PE_CONTENT_VARIANT
                        uint32_t data_case,
#endif
                        const void *data, size_t data_len, void *ret);

/* option<string>: u8 tag at 0, string at 4 (12 bytes). result<_, string>: same shape. */
typedef struct { uint8_t tag; pe_string value; } pe_abi_tagged_string;
/* result<option<content>, string>: tag at 0; ok = option tag at 4 + content at 8; err = string at 4. */
typedef struct { uint8_t tag; union { struct { uint8_t some; pe_abi_content value; } ok; pe_string err; } u; } pe_abi_kv_get;
/* result<list<string>, string>: tag at 0, list or string at 4. */
typedef struct { uint8_t tag; union { pe_string_list ok; pe_string err; } u; } pe_abi_kv_list;
/* result<response, string>: tag at 0, response (u16 at 4, headers at 8, body at 16) or string at 4. */
typedef struct { uint8_t tag; union { pe_abi_response ok; pe_string err; } u; } pe_abi_http_result;

/* result<u64, string>: tag at 0, u64 or string at 8 (16 bytes). */
typedef struct { uint8_t tag; union { uint64_t ok; pe_string err; } u; } pe_abi_publish_result;
_Static_assert(sizeof(pe_abi_publish_result) == 16 && offsetof(pe_abi_publish_result, u) == 8, "result<u64, string>");

_Static_assert(sizeof(pe_abi_tagged_string) == 12 && offsetof(pe_abi_tagged_string, value) == 4, "option<string>");
_Static_assert(sizeof(pe_abi_kv_get) == (PE_CONTENT_VARIANT ? 20 : 16) && offsetof(pe_abi_kv_get, u.ok.value) == 8, "result<option<content>, string>");
_Static_assert(sizeof(pe_abi_kv_list) == 12, "result<list<string>, string>");
_Static_assert(sizeof(pe_abi_http_result) == (PE_CONTENT_VARIANT ? 28 : 24) && offsetof(pe_abi_http_result, u.ok.body) == 16,
               "result<response, string>");

void pe_log_n(pe_log_level level, const char *message, size_t len) {
  pe__log_write((int32_t)level, message, len);
}

void pe_log(pe_log_level level, const char *message) {
  pe_log_n(level, message, strlen(message));
}

int pe_config_get(const char *name, pe_string *value) {
  pe_abi_tagged_string ret;
  pe__config_get(name, strlen(name), &ret);
  if (!ret.tag) return 0;
  *value = ret.value;
  return 1;
}

static int unit_result(const pe_abi_tagged_string *ret, pe_string *error) {
  if (!ret->tag) return 0;
  *error = ret->value;
  return -1;
}

int pe_kv_get(const char *store, const char *key, pe_bytes *value, pe_string *error) {
  pe_abi_kv_get ret;
  pe__kv_get(store, strlen(store), key, strlen(key), &ret);
  if (ret.tag) {
    *error = ret.u.err;
    return -1;
  }
  if (!ret.u.ok.some) return 1;
  *value = *pe__abi_content_bytes(&ret.u.ok.value);
  return 0;
}

int pe_kv_set(const char *store, const char *key, const void *value, size_t len, pe_string *error) {
  pe_abi_tagged_string ret;
  pe__kv_set(store, strlen(store), key, strlen(key),
#if PE_CONTENT_VARIANT
             pe__content_case(value, len),
#endif
             value, len, &ret);
  return unit_result(&ret, error);
}

int pe_kv_delete(const char *store, const char *key, pe_string *error) {
  pe_abi_tagged_string ret;
  pe__kv_delete(store, strlen(store), key, strlen(key), &ret);
  return unit_result(&ret, error);
}

int pe_kv_list_keys(const char *store, pe_string_list *keys, pe_string *error) {
  pe_abi_kv_list ret;
  pe__kv_list_keys(store, strlen(store), &ret);
  if (ret.tag) {
    *error = ret.u.err;
    return -1;
  }
  *keys = ret.u.ok;
  return 0;
}

int pe_http_send(const pe_request *req, pe_response *resp, pe_string *error) {
  pe_abi_http_result ret;
  pe__http_send(req->method.ptr, req->method.len, req->uri.ptr, req->uri.len, req->headers.ptr, req->headers.len,
#if PE_CONTENT_VARIANT
                pe__content_case(req->body.ptr, req->body.len),
#endif
                req->body.ptr, req->body.len, &ret);
  if (ret.tag) {
    *error = ret.u.err;
    return -1;
  }
  resp->status = ret.u.ok.status;
  resp->headers = ret.u.ok.headers;
  resp->body = *pe__abi_content_bytes(&ret.u.ok.body);
  resp->headers_cap = 0;
  resp->body_cap = 0;
  return 0;
}

int pe_publish(const char *topic, const char *subject, const char *key, const void *data, size_t len,
               uint64_t *sequence, pe_string *error) {
  pe_abi_publish_result ret;
  pe__publish(topic, strlen(topic), subject, strlen(subject), key, strlen(key),
#if PE_CONTENT_VARIANT
              pe__content_case(data, len),
#endif
              data, len, &ret);
  if (ret.tag) {
    *error = ret.u.err;
    return -1;
  }
  if (sequence) *sequence = ret.u.ok;
  return 0;
}
