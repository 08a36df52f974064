/* Echoes the request body verbatim and describes the rest in headers, x-echo-utf8 saying whether the SDK
 * found the body valid UTF-8 (1: it goes back as text; 0: as bytes). Also built for 0.2.0 (list<u8> bodies). */
#include "platform_edge.h"

void platform_handle(const pe_request *req, pe_response *resp) {
  char count[21];
  pe_format_uint(count, req->headers.len);
  pe_response_add_header_n(resp, "x-echo-method", req->method.ptr, req->method.len);
  pe_response_add_header_n(resp, "x-echo-uri", req->uri.ptr, req->uri.len);
  pe_response_add_header(resp, "x-echo-header-count", count);
  pe_response_add_header(resp, "x-echo-utf8", pe_utf8_valid(req->body.ptr, req->body.len) ? "1" : "0");
  pe_string content_type;
  if (pe_request_header(req, "content-type", &content_type)) {
    pe_response_add_header_n(resp, "content-type", content_type.ptr, content_type.len);
  }
  pe_response_set_body(resp, req->body.ptr, req->body.len);
}
