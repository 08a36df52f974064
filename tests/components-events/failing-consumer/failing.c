/* A broken release of an event consumer: its handler fails every event (the end-to-end consumer canary rolled back on
 * errors). Over HTTP it answers 200 "failing consumer", so only its events tell it apart. */
#include "platform_edge.h"

void platform_handle(const pe_request *req, pe_response *resp) {
  (void)req;
  pe_response_set_body_str(resp, "failing consumer");
}

const char *platform_handle_event(const pe_event *event) {
  (void)event;
  return "this release cannot handle events";
}
