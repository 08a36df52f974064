/* A broken release: answers 500 to every request (and says so in its log). */
#include "platform_edge.h"

void platform_handle(const pe_request *req, pe_response *resp) {
  (void)req;
  pe_log(PE_LOG_ERROR, "failing: the database client is misconfigured");
  pe_response_set_status(resp, 500);
  pe_response_add_header(resp, "content-type", "text/plain");
  pe_response_set_body_str(resp, "internal error");
}
