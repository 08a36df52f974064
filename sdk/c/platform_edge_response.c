/* Building the handler's response. Every buffer is owned iff its len > 0, so the
 * post-return in platform_edge.c can free exactly what was allocated here. */
#include "platform_edge.h"

#include <stdlib.h>
#include <string.h>

static int copy_string(pe_string *out, const char *data, size_t len) {
  out->ptr = NULL;
  out->len = 0;
  if (len == 0) return 0;
  out->ptr = malloc(len);
  if (out->ptr == NULL) return -1;
  memcpy(out->ptr, data, len);
  out->len = len;
  return 0;
}

void pe_response_set_status(pe_response *resp, uint16_t status) {
  resp->status = status;
}

int pe_response_add_header_n(pe_response *resp, const char *name, const char *value, size_t value_len) {
  if (resp->headers.len == resp->headers_cap) {
    size_t cap = resp->headers_cap ? resp->headers_cap * 2 : 4;
    pe_header *grown = realloc(resp->headers.len ? resp->headers.ptr : NULL, cap * sizeof(pe_header));
    if (grown == NULL) return -1;
    resp->headers.ptr = grown;
    resp->headers_cap = cap;
  }
  pe_header header;
  if (copy_string(&header.name, name, strlen(name)) != 0) return -1;
  if (copy_string(&header.value, value, value_len) != 0) {
    pe_string_free(&header.name);
    return -1;
  }
  resp->headers.ptr[resp->headers.len++] = header;
  return 0;
}

int pe_response_add_header(pe_response *resp, const char *name, const char *value) {
  return pe_response_add_header_n(resp, name, value, strlen(value));
}

int pe_response_set_body(pe_response *resp, const void *data, size_t len) {
  pe_bytes_free(&resp->body);
  resp->body_cap = 0;
  return pe_response_append_body(resp, data, len);
}

int pe_response_set_body_str(pe_response *resp, const char *text) {
  return pe_response_set_body(resp, text, strlen(text));
}

int pe_response_append_body(pe_response *resp, const void *data, size_t len) {
  if (len == 0) return 0;
  size_t needed = resp->body.len + len;
  if (needed > resp->body_cap) {
    size_t cap = resp->body_cap ? resp->body_cap : 64;
    while (cap < needed) cap *= 2;
    uint8_t *grown = realloc(resp->body.len ? resp->body.ptr : NULL, cap);
    if (grown == NULL) return -1;
    resp->body.ptr = grown;
    resp->body_cap = cap;
  }
  memcpy(resp->body.ptr + resp->body.len, data, len);
  resp->body.len = needed;
  return 0;
}

int pe_response_append_str(pe_response *resp, const char *text) {
  return pe_response_append_body(resp, text, strlen(text));
}

size_t pe_format_uint(char *buf, unsigned long long value) {
  char digits[20];
  size_t n = 0;
  do {
    digits[n++] = (char)('0' + value % 10);
    value /= 10;
  } while (value != 0);
  for (size_t i = 0; i < n; i++) buf[i] = digits[n - 1 - i];
  buf[n] = '\0';
  return n;
}

int pe_response_append_uint(pe_response *resp, unsigned long long value) {
  char text[21];
  return pe_response_append_body(resp, text, pe_format_uint(text, value));
}
