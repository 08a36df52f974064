/* Sends a GET through outbound-http to the URL in the request body and answers
 * "<status> <body>" of the upstream response, or 502 with the platform's error. A body of the form
 * "<url>\n<payload>" sends a POST with the payload's bytes as its body instead. Also built for 0.2.0. */
#include "platform_edge.h"

#include <string.h>

void platform_handle(const pe_request *req, pe_response *resp) {
  pe_request out = {0};
  const uint8_t *newline = req->body.len ? memchr(req->body.ptr, '\n', req->body.len) : NULL;
  size_t url_len = newline ? (size_t)(newline - req->body.ptr) : req->body.len;
  out.method.ptr = newline ? "POST" : "GET";
  out.method.len = strlen(out.method.ptr);
  out.uri.ptr = (char *)req->body.ptr;
  out.uri.len = url_len;
  if (newline) {
    out.body.ptr = (uint8_t *)newline + 1;
    out.body.len = req->body.len - url_len - 1;
  }
  pe_response upstream;
  pe_string error;
  if (pe_http_send(&out, &upstream, &error) < 0) {
    pe_response_set_status(resp, 502);
    pe_response_set_body(resp, error.ptr, error.len);
    pe_string_free(&error);
    return;
  }
  pe_response_append_uint(resp, upstream.status);
  pe_response_append_str(resp, " ");
  pe_response_append_body(resp, upstream.body.ptr, upstream.body.len);
  pe_response_free(&upstream);
}
