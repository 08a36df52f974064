/* Export side of the platform:edge event-service world (0.2.0 on): events.handle and its
 * post-return. Added by tools/wasm/build-c-component.sh when a service defines
 * platform_handle_event(); such a component targets the `event-service` world. */
#include "platform_edge.h"
#include "platform_edge_abi.h"

#include <stdlib.h>
#include <string.h>

_Static_assert(sizeof(pe_event) == 52, "event record is 52 bytes");
_Static_assert(offsetof(pe_event, attempt) == 32 && offsetof(pe_event, headers) == 36, "event.attempt at 32, headers at 36");

/* result<_, string>: u8 tag at 0, the error string at 4. */
typedef struct { uint8_t tag; pe_string err; } pe_abi_unit_result;
_Static_assert(sizeof(pe_abi_unit_result) == 12 && offsetof(pe_abi_unit_result, err) == 4, "result<_, string>");

static pe_abi_unit_result event_return_area;

static void free_string(char *ptr, size_t len) {
  if (len) free(ptr);
}

static pe_abi_unit_result *handle_event(char *topic, size_t topic_len, char *subject, size_t subject_len,
                                        char *key, size_t key_len, char *id, size_t id_len, uint32_t attempt,
                                        pe_header *headers, size_t headers_len, uint8_t *data, size_t data_len);

/* events.handle: the event flattens to 13 values (14 with the content variant's case; <= 16, passed
 * flat); result<_, string> flattens to 3 (> 1), so it is returned through a pointer to event_return_area. */
#if PE_CONTENT_VARIANT
__attribute__((export_name("platform:edge/events@" PE_WIT_VERSION "#handle")))
pe_abi_unit_result *pe_export_handle_event(char *topic, size_t topic_len, char *subject, size_t subject_len,
                                           char *key, size_t key_len, char *id, size_t id_len, uint32_t attempt,
                                           pe_header *headers, size_t headers_len, uint32_t data_case, uint8_t *data, size_t data_len) {
  (void)data_case; /* text or bytes: the same bytes to the handler */
  return handle_event(topic, topic_len, subject, subject_len, key, key_len, id, id_len, attempt, headers, headers_len, data, data_len);
}
#else
__attribute__((export_name("platform:edge/events@" PE_WIT_VERSION "#handle")))
pe_abi_unit_result *pe_export_handle_event(char *topic, size_t topic_len, char *subject, size_t subject_len,
                                           char *key, size_t key_len, char *id, size_t id_len, uint32_t attempt,
                                           pe_header *headers, size_t headers_len, uint8_t *data, size_t data_len) {
  return handle_event(topic, topic_len, subject, subject_len, key, key_len, id, id_len, attempt, headers, headers_len, data, data_len);
}
#endif

static pe_abi_unit_result *handle_event(char *topic, size_t topic_len, char *subject, size_t subject_len,
                                        char *key, size_t key_len, char *id, size_t id_len, uint32_t attempt,
                                        pe_header *headers, size_t headers_len, uint8_t *data, size_t data_len) {
  pe_event event = {
    .topic = { topic, topic_len },
    .subject = { subject, subject_len },
    .key = { key, key_len },
    .id = { id, id_len },
    .attempt = attempt,
    .headers = { headers, headers_len },
    .data = { data, data_len },
  };
  const char *error = platform_handle_event(&event);

  pe__free_headers(&event.headers);
  free_string(topic, topic_len);
  free_string(subject, subject_len);
  free_string(key, key_len);
  free_string(id, id_len);
  if (data_len) free(data);

  event_return_area.tag = 0;
  event_return_area.err.ptr = NULL;
  event_return_area.err.len = 0;
  if (error != NULL) {
    size_t len = strlen(error);
    char *copy = len ? malloc(len) : NULL;
    if (len && copy == NULL) __builtin_trap();
    if (len) memcpy(copy, error, len);
    event_return_area.tag = 1;
    event_return_area.err.ptr = copy;
    event_return_area.err.len = len;
  }
  return &event_return_area;
}

/* Runs after the host has copied the result out: release the error message. */
__attribute__((export_name("cabi_post_platform:edge/events@" PE_WIT_VERSION "#handle")))
void pe_export_handle_event_post_return(pe_abi_unit_result *ret) {
  if (ret->tag && ret->err.len) free(ret->err.ptr);
}
