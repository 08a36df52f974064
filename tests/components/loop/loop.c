/* Never returns: the node must stop it at the deadline and answer 504. */
#include "platform_edge.h"

static volatile unsigned long spins;

void platform_handle(const pe_request *req, pe_response *resp) {
  (void)req;
  (void)resp;
  for (;;) spins++;
}
