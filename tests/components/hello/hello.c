/* Answers 200 "hello from <path>" as text/plain and logs one info line. */
#include "platform_edge.h"

void platform_handle(const pe_request *req, pe_response *resp) {
  pe_string path = pe_request_path(req);
  pe_log(PE_LOG_INFO, "hello handled a request");
  pe_response_set_status(resp, 200);
  pe_response_add_header(resp, "content-type", "text/plain");
  pe_response_set_body_str(resp, "hello from ");
  pe_response_append_body(resp, path.ptr, path.len);
}
