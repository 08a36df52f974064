/*
 * Strict validation of one order event: an RFC 8259 JSON document whose top level is an object with
 *   "id"       a string of 1-64 characters of A-Z a-z 0-9 _ . : -
 *   "status"   one of "created", "paid", "shipped", "delivered", "cancelled"
 *   "amount"   a non-negative number below 10^12 with at most two decimals and no exponent (42, 42.5, 42.50)
 *   "currency" three upper-case letters (ISO 4217, e.g. "EUR")
 * Other fields may hold any JSON value and are ignored. Rejected: malformed JSON, invalid UTF-8, lone
 * surrogates in \u escapes, nesting deeper than ORDER_MAX_DEPTH, trailing content, a duplicate field.
 */
#ifndef ORDER_H
#define ORDER_H

#include <stddef.h>
#include <stdint.h>

#define ORDER_MAX_DEPTH 32
#define ORDER_ID_MAX 64
#define ORDER_STATUS_COUNT 5

/* The statuses in the order the summary lists them. */
extern const char *const order_statuses[ORDER_STATUS_COUNT];

typedef struct {
  char id[ORDER_ID_MAX + 1];  /* NUL-terminated */
  int status;                 /* index into order_statuses */
  uint64_t amount_cents;      /* the amount in hundredths of the currency unit */
  char currency[4];           /* NUL-terminated */
} order;

/* NULL when the document is a valid order (out filled in), else the reason it is not. */
const char *order_parse(const uint8_t *json, size_t len, order *out);

#endif /* ORDER_H */
