/* Increments "hits" in the key-value store "default" and answers the new count. */
#include <stdlib.h>

#include "platform_edge.h"

static void fail(pe_response *resp, pe_string *error) {
  pe_response_set_status(resp, 500);
  pe_response_set_body(resp, error->ptr, error->len);
  pe_string_free(error);
}

void platform_handle(const pe_request *req, pe_response *resp) {
  (void)req;
  pe_bytes value;
  pe_string error;
  unsigned long hits = 0;
  int found = pe_kv_get("default", "hits", &value, &error);
  if (found < 0) {
    fail(resp, &error);
    return;
  }
  if (found == 0) {
    char digits[24] = {0};
    for (size_t i = 0; i < value.len && i < sizeof digits - 1; i++) digits[i] = (char)value.ptr[i];
    hits = strtoul(digits, NULL, 10);
    pe_bytes_free(&value);
  }
  char text[21];
  size_t len = pe_format_uint(text, hits + 1);
  if (pe_kv_set("default", "hits", text, len, &error) < 0) {
    fail(resp, &error);
    return;
  }
  pe_response_set_body(resp, text, len);
}
