/* Logs its request body as one line at the level its path ends with (/trace, /debug, /info, /warn, /error) and answers 204. */
#include <string.h>
#include "platform_edge.h"

static int ends_with(pe_string path, const char *suffix) {
  size_t n = strlen(suffix);
  return path.len >= n && memcmp(path.ptr + path.len - n, suffix, n) == 0;
}

void platform_handle(const pe_request *req, pe_response *resp) {
  pe_string path = pe_request_path(req);
  pe_log_level level = ends_with(path, "/trace") ? PE_LOG_TRACE
                       : ends_with(path, "/debug") ? PE_LOG_DEBUG
                       : ends_with(path, "/warn")  ? PE_LOG_WARN
                       : ends_with(path, "/error") ? PE_LOG_ERROR
                                                   : PE_LOG_INFO;
  pe_log_n(level, (const char *)req->body.ptr, req->body.len);
  pe_response_set_status(resp, 204);
}
