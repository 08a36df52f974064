/*
 * Strict validation of one telemetry event: an RFC 8259 JSON document whose top level is an
 * object with a string field "type" (1-64 characters of A-Z a-z 0-9 _ . : -) and a numeric field
 * "ts" (a non-negative Unix timestamp below 10^15). Other fields may hold any JSON value.
 * Rejected: malformed JSON, invalid UTF-8, lone surrogates in \u escapes, nesting deeper than
 * EVENT_MAX_DEPTH, trailing content, a duplicate "type" or "ts".
 */
#ifndef EVENT_H
#define EVENT_H

#include <stddef.h>
#include <stdint.h>

#define EVENT_MAX_DEPTH 32
#define EVENT_TYPE_MAX 64

typedef struct {
  const char *type; /* points into the validated document; not NUL-terminated */
  size_t type_len;
  double ts;
} event_fields;

/* NULL when the document is a valid event (fields filled in), else a message for the client. */
const char *event_validate(const uint8_t *json, size_t len, event_fields *out);

#endif /* EVENT_H */
