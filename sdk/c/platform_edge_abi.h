/* The SDK's private canonical-ABI shapes shared by the export (platform_edge.c) and the imports
 * (platform_edge_imports.c): how a body and a response are laid out in the version built for. */
#ifndef PLATFORM_EDGE_ABI_H
#define PLATFORM_EDGE_ABI_H

#include "platform_edge.h"

#if PE_BODY_VARIANT
/* variant body { text(string), bytes(list<u8>) }: the case as a u8 at 0, (ptr, len) at 4. A string
 * and a list<u8> have the same layout, so only the case differs. */
typedef struct { uint8_t tag; pe_bytes bytes; } pe_abi_body;
enum { PE_BODY_TEXT = 0, PE_BODY_BYTES = 1 };
_Static_assert(sizeof(pe_abi_body) == 12, "body variant is 12 bytes, payload at 4");

/* Text when valid UTF-8 (the host copies it as one string), bytes otherwise. */
static inline uint32_t pe__body_case(const uint8_t *data, size_t len) {
  return pe_utf8_valid(data, len) ? PE_BODY_TEXT : PE_BODY_BYTES;
}
static inline pe_abi_body pe__abi_body(pe_bytes bytes) {
  pe_abi_body body = { (uint8_t)pe__body_case(bytes.ptr, bytes.len), bytes };
  return body;
}
static inline pe_bytes *pe__abi_body_bytes(pe_abi_body *body) { return &body->bytes; }
#else
/* Before 0.3.0 a body is a list<u8>. */
typedef pe_bytes pe_abi_body;
static inline pe_abi_body pe__abi_body(pe_bytes bytes) { return bytes; }
static inline pe_bytes *pe__abi_body_bytes(pe_abi_body *body) { return body; }
#endif

/* The `response` record: u16 at 0, headers at 4, body at 12 (20 bytes; 24 with the body variant). */
typedef struct {
  uint16_t status;
  pe_headers headers;
  pe_abi_body body;
} pe_abi_response;
_Static_assert(sizeof(pe_abi_response) == (PE_BODY_VARIANT ? 24 : 20), "response record size");
_Static_assert(offsetof(pe_abi_response, headers) == 4, "response.headers at 4");
_Static_assert(offsetof(pe_abi_response, body) == 12, "response.body at 12");

void pe__free_headers(pe_headers *headers);

#endif /* PLATFORM_EDGE_ABI_H */
