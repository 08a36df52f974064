/* Export side of the platform:edge service world: cabi_realloc, handler.handle and its
 * post-return, plus request/response helpers. Imports live in platform_edge_imports.c. */
#include "platform_edge.h"
#include "platform_edge_abi.h"

#include <stdlib.h>
#include <string.h>

_Static_assert(sizeof(pe_string) == 8, "string is (ptr, len)");
_Static_assert(sizeof(pe_header) == 16, "tuple<string, string> is 16 bytes, align 4");

/* Allocations requested by the host when it lowers values into this instance. A zero-size
 * request gets a non-null aligned dangling pointer, which is never freed (len 0). */
__attribute__((export_name("cabi_realloc")))
void *cabi_realloc(void *ptr, size_t old_size, size_t align, size_t new_size) {
  if (new_size == 0) return (void *)align;
  void *result = realloc(old_size == 0 ? NULL : ptr, new_size);
  if (result == NULL) __builtin_trap();
  return result;
}

void pe__free_headers(pe_headers *headers) {
  for (size_t i = 0; i < headers->len; i++) {
    if (headers->ptr[i].name.len) free(headers->ptr[i].name.ptr);
    if (headers->ptr[i].value.len) free(headers->ptr[i].value.ptr);
  }
  if (headers->len) free(headers->ptr);
  headers->ptr = NULL;
  headers->len = 0;
}

static pe_abi_response return_area;

/* Runs the service's handler on the lifted request, releases the request and hands the response
 * to the host through return_area (freed by the post-return below). */
static pe_abi_response *handle(char *method, size_t method_len, char *uri, size_t uri_len,
                               pe_header *headers, size_t headers_len, uint8_t *body, size_t body_len) {
  pe_request req = {
    .method = { method, method_len },
    .uri = { uri, uri_len },
    .headers = { headers, headers_len },
    .body = { body, body_len },
  };
  pe_response resp = { .status = 200 };
  platform_handle(&req, &resp);

  pe__free_headers(&req.headers);
  if (method_len) free(method);
  if (uri_len) free(uri);
  if (body_len) free(body);

  return_area.status = resp.status;
  return_area.headers = resp.headers;
  return_area.body = pe__abi_content(resp.body);
  return &return_area;
}

/* handler.handle: the request flattens to 8 i32 (9 with the content variant's case; <= 16, passed
 * flat); the response flattens to more than one value, so it is returned through a pointer. */
#if PE_CONTENT_VARIANT
__attribute__((export_name("platform:edge/handler@" PE_WIT_VERSION "#handle")))
pe_abi_response *pe_export_handle(char *method, size_t method_len, char *uri, size_t uri_len,
                                  pe_header *headers, size_t headers_len,
                                  uint32_t body_case, uint8_t *body, size_t body_len) {
  (void)body_case; /* text or bytes: the same bytes to the handler */
  return handle(method, method_len, uri, uri_len, headers, headers_len, body, body_len);
}
#else
__attribute__((export_name("platform:edge/handler@" PE_WIT_VERSION "#handle")))
pe_abi_response *pe_export_handle(char *method, size_t method_len, char *uri, size_t uri_len,
                                  pe_header *headers, size_t headers_len,
                                  uint8_t *body, size_t body_len) {
  return handle(method, method_len, uri, uri_len, headers, headers_len, body, body_len);
}
#endif

/* Runs after the host has copied the response out: release what the handler allocated. */
__attribute__((export_name("cabi_post_platform:edge/handler@" PE_WIT_VERSION "#handle")))
void pe_export_handle_post_return(pe_abi_response *ret) {
  pe__free_headers(&ret->headers);
  pe_bytes_free(pe__abi_content_bytes(&ret->body));
}

/* Weak: a test component replaces it to prove what the host does with text that is not UTF-8. */
__attribute__((weak)) int pe_utf8_valid(const void *data, size_t len) {
  const uint8_t *s = data;
  const uint8_t *end = s + len;
  while (s < end) {
    /* ASCII runs eight bytes at a time. */
    while (end - s >= 8) {
      uint64_t word;
      memcpy(&word, s, 8);
      if (word & 0x8080808080808080ULL) break;
      s += 8;
    }
    if (s == end) break;
    uint8_t c = *s;
    if (c < 0x80) {
      s++;
      continue;
    }
    size_t need;
    uint8_t low = 0x80, high = 0xBF; /* the range of the second byte */
    if (c >= 0xC2 && c <= 0xDF) {
      need = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      need = 2;
      if (c == 0xE0) low = 0xA0;       /* overlong */
      else if (c == 0xED) high = 0x9F; /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
      need = 3;
      if (c == 0xF0) low = 0x90;       /* overlong */
      else if (c == 0xF4) high = 0x8F; /* above U+10FFFF */
    } else {
      return 0;
    }
    if ((size_t)(end - s) <= need) return 0;
    if (s[1] < low || s[1] > high) return 0;
    for (size_t k = 2; k <= need; k++) {
      if ((s[k] & 0xC0) != 0x80) return 0;
    }
    s += need + 1;
  }
  return 1;
}

/* Owned-memory rule used throughout: a string, list or body owns its buffer iff len > 0. */

int pe_string_eq(pe_string s, const char *c) {
  size_t n = strlen(c);
  return s.len == n && (n == 0 || memcmp(s.ptr, c, n) == 0);
}

int pe_request_header(const pe_request *req, const char *name, pe_string *value) {
  for (size_t i = 0; i < req->headers.len; i++) {
    if (pe_string_eq(req->headers.ptr[i].name, name)) {
      *value = req->headers.ptr[i].value;
      return 1;
    }
  }
  return 0;
}

pe_string pe_request_path(const pe_request *req) {
  pe_string path = req->uri;
  const char *q = path.len ? memchr(path.ptr, '?', path.len) : NULL;
  if (q != NULL) path.len = (size_t)(q - path.ptr);
  return path;
}

void pe_string_free(pe_string *s) {
  if (s->len) free(s->ptr);
  s->ptr = NULL;
  s->len = 0;
}

void pe_bytes_free(pe_bytes *b) {
  if (b->len) free(b->ptr);
  b->ptr = NULL;
  b->len = 0;
}

void pe_string_list_free(pe_string_list *list) {
  for (size_t i = 0; i < list->len; i++) pe_string_free(&list->ptr[i]);
  if (list->len) free(list->ptr);
  list->ptr = NULL;
  list->len = 0;
}

void pe_response_free(pe_response *resp) {
  pe__free_headers(&resp->headers);
  pe_bytes_free(&resp->body);
  resp->headers_cap = 0;
  resp->body_cap = 0;
}
