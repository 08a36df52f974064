/* Sends a GET through outbound-http to the URL in the request body and answers
 * "<status> <body>" of the upstream response, or 502 with the platform's error. */
#include "platform_edge.h"

void platform_handle(const pe_request *req, pe_response *resp) {
  pe_request out = {0};
  out.method.ptr = "GET";
  out.method.len = 3;
  out.uri.ptr = (char *)req->body.ptr;
  out.uri.len = req->body.len;
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
