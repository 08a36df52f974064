/* An event consumer (event-service world) for the delivery tests.
 *
 * A version given the variable fail_events fails every event (a broken canary). Otherwise each event's data says what to do:
 * "fail" always fails, "fail-once" fails on its first attempt, "broken" fails unless the variable "fixed" is set (a version
 * with the fix takes its dead letters in a re-drive), "trap" traps,
 * "spin" loops until the deadline, "busy…" computes for a while before it is handled; anything else is appended (with ",") to the history of the event's key in the
 * key-value store "default" and, when the variable forward_to names a topic, published there with the same key.
 * HTTP (below the service's route): GET /history/<key> answers that history; POST /publish/<topic>/<key> publishes the body and answers its sequence. */
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

static int data_is(const pe_event *event, const char *text) {
  size_t n = strlen(text);
  return event->data.len == n && memcmp(event->data.ptr, text, n) == 0;
}

static const char *append_history(const char *key, const uint8_t *data, size_t len) {
  pe_bytes old;
  pe_string error;
  int found = pe_kv_get("default", key, &old, &error);
  if (found < 0) return "key-value get failed";
  size_t old_len = found == 0 ? old.len : 0;
  uint8_t *joined = malloc(old_len + 1 + len);
  if (joined == NULL) __builtin_trap();
  size_t at = 0;
  if (old_len) {
    memcpy(joined, old.ptr, old_len);
    joined[old_len] = ',';
    at = old_len + 1;
    pe_bytes_free(&old);
  }
  memcpy(joined + at, data, len);
  int set = pe_kv_set("default", key, joined, at + len, &error);
  free(joined);
  return set < 0 ? "key-value set failed" : NULL;
}

const char *platform_handle_event(const pe_event *event) {
  pe_string fail_events;
  if (pe_config_get("fail_events", &fail_events)) {
    pe_string_free(&fail_events);
    return "this version fails every event";
  }
  if (data_is(event, "fail")) return "asked to fail";
  if (data_is(event, "fail-once") && event->attempt == 1) return "asked to fail once";
  if (data_is(event, "broken")) {
    pe_string fixed;
    if (!pe_config_get("fixed", &fixed)) return "not fixed yet";
    pe_string_free(&fixed);
  }
  if (data_is(event, "trap")) __builtin_trap();
  if (data_is(event, "spin")) {
    volatile unsigned long n = 0;
    for (;;) n++;
  }
  if (event->data.len >= 4 && memcmp(event->data.ptr, "busy", 4) == 0) {
    volatile unsigned long n = 0;
    for (unsigned long i = 0; i < 20000000UL; i++) n += i;
    (void)n;
  }
  char *key = copy_text(event->key.len ? event->key : (pe_string){ "_none", 5 });
  const char *error = append_history(key, event->data.ptr, event->data.len);
  pe_string topic;
  if (error == NULL && pe_config_get("forward_to", &topic)) {
    char *topic_text = copy_text(topic);
    pe_string publish_error;
    if (pe_publish(topic_text, "forwarded", event->key.len ? key : "", event->data.ptr, event->data.len, NULL, &publish_error) < 0) {
      error = "publish failed";
      pe_string_free(&publish_error);
    }
    free(topic_text);
    pe_string_free(&topic);
  }
  free(key);
  return error;
}

static int take_segment(pe_string *rest, pe_string *segment) {
  if (rest->len == 0) return 0;
  size_t i = 0;
  while (i < rest->len && rest->ptr[i] != '/') i++;
  *segment = (pe_string){ rest->ptr, i };
  rest->ptr += i < rest->len ? i + 1 : i;
  rest->len -= i < rest->len ? i + 1 : i;
  return segment->len > 0;
}

void platform_handle(const pe_request *req, pe_response *resp) {
  pe_string path = pe_request_path(req);
  pe_string rest = { path.ptr + 1, path.len ? path.len - 1 : 0 };
  pe_string verb, a, b;
  if (!take_segment(&rest, &verb)) {
    pe_response_set_status(resp, 404);
    return;
  }
  /* On the shared host the path starts with the service's route: skip it. */
  if (!pe_string_eq(verb, "history") && !pe_string_eq(verb, "publish") && !take_segment(&rest, &verb)) {
    pe_response_set_status(resp, 404);
    return;
  }
  if (pe_string_eq(verb, "history") && take_segment(&rest, &a)) {
    char *key = copy_text(a);
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
  if (pe_string_eq(verb, "publish") && take_segment(&rest, &a) && take_segment(&rest, &b)) {
    char *topic = copy_text(a);
    char *key = copy_text(b);
    uint64_t sequence = 0;
    pe_string error;
    int published = pe_publish(topic, "", key, req->body.ptr, req->body.len, &sequence, &error);
    free(topic);
    free(key);
    if (published < 0) {
      pe_response_set_status(resp, 502);
      pe_response_set_body(resp, error.ptr, error.len);
      pe_string_free(&error);
      return;
    }
    pe_response_append_uint(resp, sequence);
    return;
  }
  pe_response_set_status(resp, 404);
}
