/*
 * Fills the key-value store "default" on request, for the quota tests. The path picks the operation,
 * the query the key (and size):
 *   PUT    /<route>/<key>?size=N   stores N bytes ('x') under <key>  -> 204, or 507 + the host's error
 *   GET    /<route>/<key>          -> 200 with the value's length, 404 when absent
 *   DELETE /<route>/<key>          -> 204
 * The key is the last path segment.
 */
#include <stdlib.h>
#include <string.h>

#include "platform_edge.h"

static void fail(pe_response *resp, uint16_t status, pe_string *error) {
  pe_response_set_status(resp, status);
  pe_response_set_body(resp, error->ptr, error->len);
  pe_string_free(error);
}

void platform_handle(const pe_request *req, pe_response *resp) {
  pe_string path = pe_request_path(req);
  size_t slash = path.len;
  while (slash > 0 && path.ptr[slash - 1] != '/') slash--;
  char key[256];
  size_t key_len = path.len - slash < sizeof key - 1 ? path.len - slash : sizeof key - 1;
  memcpy(key, path.ptr + slash, key_len);
  key[key_len] = 0;
  pe_string error;
  if (pe_string_eq(req->method, "PUT")) {
    unsigned long size = 0;
    for (size_t i = path.len; i + 5 < req->uri.len; i++) {
      if (memcmp(req->uri.ptr + i, "size=", 5) == 0) {
        for (size_t j = i + 5; j < req->uri.len && req->uri.ptr[j] >= '0' && req->uri.ptr[j] <= '9'; j++) {
          size = size * 10 + (unsigned long)(req->uri.ptr[j] - '0');
        }
        break;
      }
    }
    char *value = malloc(size == 0 ? 1 : size);
    if (value == NULL) {
      pe_response_set_status(resp, 500);
      return;
    }
    memset(value, 'x', size);
    int result = pe_kv_set("default", key, value, size, &error);
    free(value);
    if (result < 0) {
      fail(resp, 507, &error);
      return;
    }
    pe_response_set_status(resp, 204);
  } else if (pe_string_eq(req->method, "DELETE")) {
    if (pe_kv_delete("default", key, &error) < 0) {
      fail(resp, 500, &error);
      return;
    }
    pe_response_set_status(resp, 204);
  } else {
    pe_bytes value;
    int found = pe_kv_get("default", key, &value, &error);
    if (found < 0) {
      fail(resp, 500, &error);
      return;
    }
    if (found == 1) {
      pe_response_set_status(resp, 404);
      return;
    }
    pe_response_append_uint(resp, value.len);
    pe_bytes_free(&value);
  }
}
