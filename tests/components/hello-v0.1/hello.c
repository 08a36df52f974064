/* A component of the older world (platform:edge 0.1.0, built with PLATFORM_WIT_VERSION from the file wit-version):
 * answers "hello v0.1 from <path>" plus the variable "greeting" when it has one, logs one line, and counts its
 * requests in the key-value store "default", so every 0.1.0 capability is linked. */
#include <string.h>

#include "platform_edge.h"

void platform_handle(const pe_request *req, pe_response *resp) {
  pe_string path = pe_request_path(req);
  pe_log(PE_LOG_INFO, "hello v0.1 handled a request");
  pe_string error;
  if (pe_kv_set("default", "seen", "1", 1, &error) < 0) {
    pe_response_set_status(resp, 500);
    pe_string_free(&error);
    return;
  }
  pe_response_add_header(resp, "content-type", "text/plain");
  pe_response_set_body_str(resp, "hello v0.1 from ");
  pe_response_append_body(resp, path.ptr, path.len);
  pe_string greeting;
  if (pe_config_get("greeting", &greeting)) {
    pe_response_append_str(resp, " ");
    pe_response_append_body(resp, greeting.ptr, greeting.len);
    pe_string_free(&greeting);
  }
}
