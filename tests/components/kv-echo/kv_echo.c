/* Stores the request body in the key-value store "default" and answers the value read back (200), or 500 with the
 * host's error. x-kv-utf8 says whether the SDK sent the value as text (1) or bytes (0). Also built for 0.2.0
 * (list<u8> values). */
#include "platform_edge.h"

void platform_handle(const pe_request *req, pe_response *resp) {
  pe_string error;
  pe_bytes value;
  if (pe_kv_set("default", "value", req->body.ptr, req->body.len, &error) < 0 || pe_kv_get("default", "value", &value, &error) < 0) {
    pe_response_set_status(resp, 500);
    pe_response_set_body(resp, error.ptr, error.len);
    pe_string_free(&error);
    return;
  }
  pe_response_add_header(resp, "x-kv-utf8", pe_utf8_valid(req->body.ptr, req->body.len) ? "1" : "0");
  pe_response_set_body(resp, value.ptr, value.len);
  pe_bytes_free(&value);
}
