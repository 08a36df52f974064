/*
 * A tenant that plays with cookies: the body is "cookie=<the Cookie header it received>", and every
 * query parameter "set=<percent-encoded Set-Cookie value>" becomes one Set-Cookie header, verbatim.
 * The hostile-tenant tests use it to try setting cookies for other paths, domains and the platform.
 */
#include <stdlib.h>

#include "platform_edge.h"

static int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* Percent-decodes src[0..len) into dst (at least len bytes); '+' is a space. Returns the decoded length. */
static size_t decode(const char *src, size_t len, char *dst) {
  size_t out = 0;
  for (size_t i = 0; i < len; i++) {
    if (src[i] == '%' && i + 2 < len && hex(src[i + 1]) >= 0 && hex(src[i + 2]) >= 0) {
      dst[out++] = (char)(hex(src[i + 1]) * 16 + hex(src[i + 2]));
      i += 2;
    } else {
      dst[out++] = src[i] == '+' ? ' ' : src[i];
    }
  }
  return out;
}

void platform_handle(const pe_request *req, pe_response *resp) {
  const char *uri = req->uri.ptr;
  size_t len = req->uri.len, i = 0;
  while (i < len && uri[i] != '?') i++;
  while (i < len) {
    size_t start = ++i;
    while (i < len && uri[i] != '&') i++;
    if (i - start > 4 && uri[start] == 's' && uri[start + 1] == 'e' && uri[start + 2] == 't' && uri[start + 3] == '=') {
      char *value = malloc(i - start);
      if (value == NULL) continue;
      size_t n = decode(uri + start + 4, i - start - 4, value);
      pe_response_add_header_n(resp, "set-cookie", value, n);
      free(value);
    }
  }
  pe_string cookie;
  pe_response_set_body_str(resp, "cookie=");
  if (pe_request_header(req, "cookie", &cookie)) {
    pe_response_append_body(resp, cookie.ptr, cookie.len);
  }
}
