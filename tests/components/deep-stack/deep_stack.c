/* Recurses through 1 KiB stack frames, as many as the query asks (/?frames=N), then answers
 * 200 "depth N". The C toolchain gives a 32 KiB stack placed first in memory: a few frames fit,
 * too many run below address 0 and trap instead of overwriting static data. */
#include "platform_edge.h"

#include <string.h>

static const char marker[] = "static data intact";

/* Each frame hands its buffer to the next call, so the compiler cannot fold the recursion into a loop. */
static unsigned recurse(unsigned frames, volatile unsigned char *parent) {
  volatile unsigned char frame[1024];
  memset((void *)frame, (int)frames, sizeof frame);
  unsigned below = frames > 1 ? recurse(frames - 1, frame) : 0;
  return below + frame[sizeof frame - 1] + (parent ? parent[0] : 0);
}

void platform_handle(const pe_request *req, pe_response *resp) {
  pe_string uri = req->uri;
  unsigned frames = 0;
  const char *q = uri.len ? memchr(uri.ptr, '=', uri.len) : NULL;
  for (const char *p = q ? q + 1 : NULL; p && p < uri.ptr + uri.len && *p >= '0' && *p <= '9'; p++) {
    frames = frames * 10 + (unsigned)(*p - '0');
  }
  recurse(frames, NULL);
  pe_response_set_status(resp, 200);
  pe_response_set_body_str(resp, "depth ");
  pe_response_append_uint(resp, frames);
  pe_response_append_str(resp, ", ");
  pe_response_append_str(resp, marker);
}
