/* Traps on every request: the node must answer 500 and keep serving. */
#include "platform_edge.h"

void platform_handle(const pe_request *req, pe_response *resp) {
  (void)req;
  pe_response_set_body_str(resp, "unreachable");
  __builtin_trap();
}
