/* An event consumer for the end-to-end tests: appends "<data>@<attempt>" to the history of the event's key in the
 * key-value store "default". Each edge node has its own store, so a key's history on a node is what that node handled, in
 * the order it handled it. An event whose data is a JSON string starting with "slow" first computes for a while (about a
 * second here), logging "recorder starts <data>@<attempt>" as it begins: a slow handler holding its events in flight.
 * HTTP (below the service's route): GET /history/<key> answers this node's history of the key, 404 when it has none. */
#include <stdlib.h>
#include <string.h>

#include "platform_edge.h"

static char *copy_text(pe_string s) {
  char *text = malloc(s.len + 1);
  if (text == NULL) __builtin_trap();
  if (s.len) memcpy(text, s.ptr, s.len);
  text[s.len] = 0;
  return text;
}

/* "<data>@<attempt>" in a new string. */
static char *entry_of(const pe_event *event, size_t *len) {
  char digits[10];
  size_t n = 0;
  for (uint32_t a = event->attempt; n == 0 || a > 0; a /= 10) digits[n++] = (char)('0' + a % 10);
  char *entry = malloc(event->data.len + 1 + n + 1);
  if (entry == NULL) __builtin_trap();
  if (event->data.len) memcpy(entry, event->data.ptr, event->data.len);
  size_t at = event->data.len;
  entry[at++] = '@';
  while (n > 0) entry[at++] = digits[--n];
  entry[at] = 0;
  *len = at;
  return entry;
}

const char *platform_handle_event(const pe_event *event) {
  size_t len;
  char *entry = entry_of(event, &len);
  if (event->data.len >= 5 && memcmp(event->data.ptr, "\"slow", 5) == 0) {
    const char *prefix = "recorder starts ";
    char *line = malloc(strlen(prefix) + len + 1);
    if (line == NULL) __builtin_trap();
    memcpy(line, prefix, strlen(prefix));
    memcpy(line + strlen(prefix), entry, len + 1);
    pe_log(PE_LOG_INFO, line);
    free(line);
    volatile unsigned long spin = 0;
    for (unsigned long i = 0; i < 1000000000UL; i++) spin += i;
    (void)spin;
  }
  char *key = copy_text(event->key.len ? event->key : (pe_string){ "_none", 5 });
  pe_bytes old;
  pe_string error;
  int found = pe_kv_get("default", key, &old, &error);
  if (found < 0) {
    pe_string_free(&error);
    free(entry);
    free(key);
    return "key-value get failed";
  }
  size_t old_len = found == 0 ? old.len : 0;
  uint8_t *joined = malloc(old_len + 1 + len);
  if (joined == NULL) __builtin_trap();
  size_t at = 0;
  if (found == 0) {
    memcpy(joined, old.ptr, old_len);
    joined[old_len] = ',';
    at = old_len + 1;
    pe_bytes_free(&old);
  }
  memcpy(joined + at, entry, len);
  int set = pe_kv_set("default", key, joined, at + len, &error);
  free(joined);
  free(entry);
  free(key);
  if (set < 0) {
    pe_string_free(&error);
    return "key-value set failed";
  }
  return NULL;
}

/* GET <route>/history/<key> on the shared host, GET /history/<key> on the service's own host. */
void platform_handle(const pe_request *req, pe_response *resp) {
  pe_string path = pe_request_path(req);
  const char *marker = "/history/";
  size_t m = strlen(marker);
  for (size_t i = 0; i + m < path.len; i++) {
    if (memcmp(path.ptr + i, marker, m) == 0) {
      char *key = copy_text((pe_string){ path.ptr + i + m, path.len - i - m });
      pe_bytes value;
      pe_string error;
      int found = pe_kv_get("default", key, &value, &error);
      free(key);
      if (found != 0) {
        pe_response_set_status(resp, found > 0 ? 404 : 500);
        if (found < 0) pe_string_free(&error);
        return;
      }
      pe_response_set_body(resp, value.ptr, value.len);
      pe_bytes_free(&value);
      return;
    }
  }
  pe_response_set_status(resp, 404);
}
