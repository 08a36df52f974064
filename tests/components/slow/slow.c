/* Answers like hello, but only after a few milliseconds of busy work: a canary that is slower, not broken. Slower by
   well beyond the canary judge's margins (10% and 0.5 ms) on a fast machine too: 1.5M iterations took ~0.37 ms on one. */
#include "platform_edge.h"

static volatile unsigned long spins;

void platform_handle(const pe_request *req, pe_response *resp) {
  pe_string path = pe_request_path(req);
  for (unsigned long i = 0; i < 8000000UL; i++) spins++;
  pe_response_set_status(resp, 200);
  pe_response_add_header(resp, "content-type", "text/plain");
  pe_response_set_body_str(resp, "hello from ");
  pe_response_append_body(resp, path.ptr, path.len);
}
