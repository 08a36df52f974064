/* The smallest event consumer: answers 200 "consumer" over HTTP and accepts every event. Built with the C SDK, which
 * makes it a component of the event-service world (platform:edge 0.2.0) because it defines platform_handle_event. */
#include "platform_edge.h"

void platform_handle(const pe_request *req, pe_response *resp) {
  (void)req;
  pe_response_set_body_str(resp, "consumer");
}

const char *platform_handle_event(const pe_event *event) {
  (void)event;
  return NULL;
}
