/* Increments "hits" in the key-value store "default" and answers the new count. */
#include <stdio.h>
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
  if (found < 0) return fail(resp, &error);
  if (found == 0) {
    char digits[24] = {0};
    for (size_t i = 0; i < value.len && i < sizeof digits - 1; i++) digits[i] = (char)value.ptr[i];
    hits = strtoul(digits, NULL, 10);
    pe_bytes_free(&value);
  }
  char text[24];
  int len = snprintf(text, sizeof text, "%lu", hits + 1);
  if (pe_kv_set("default", "hits", text, (size_t)len, &error) < 0) return fail(resp, &error);
  pe_response_set_body(resp, text, (size_t)len);
}
