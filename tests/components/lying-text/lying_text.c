/* A hostile guest: it replaces the SDK's UTF-8 check with one that says yes to anything, so whatever bytes it sends go
 * as the `text` case of content. POST /echo answers the request body; POST /kv stores it in the key-value store
 * "default" (and answers 204). Wasmtime checks every string a component hands out: bytes that are not UTF-8 must
 * trap, never reach the host as text. */
#include "platform_edge.h"

int pe_utf8_valid(const void *data, size_t len) {
  (void)data;
  (void)len;
  return 1;
}

void platform_handle(const pe_request *req, pe_response *resp) {
  pe_string path = pe_request_path(req);
  if (pe_string_eq(path, "/kv")) {
    pe_string error;
    if (pe_kv_set("default", "lie", req->body.ptr, req->body.len, &error) < 0) {
      pe_response_set_status(resp, 500);
      pe_response_set_body(resp, error.ptr, error.len);
      pe_string_free(&error);
      return;
    }
    pe_response_set_status(resp, 204);
    return;
  }
  pe_response_set_body(resp, req->body.ptr, req->body.len);
}
