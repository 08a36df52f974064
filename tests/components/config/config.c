/* Returns the "greeting" variable, or 404 when the platform granted none. */
#include "platform_edge.h"

void platform_handle(const pe_request *req, pe_response *resp) {
  (void)req;
  pe_string greeting;
  if (!pe_config_get("greeting", &greeting)) {
    pe_response_set_status(resp, 404);
    pe_response_set_body_str(resp, "greeting not set");
    return;
  }
  pe_response_set_body(resp, greeting.ptr, greeting.len);
  pe_string_free(&greeting);
}
