/* A consumer that acknowledges every event and answers every request 204; no imports, no libc.
 * Memory the host lowers into the instance comes from a bump allocator and is never freed:
 * every request and event gets a fresh instance. */
#include <stddef.h>
#include <stdint.h>

static uint8_t heap[64 * 1024];
static size_t top;

__attribute__((export_name("cabi_realloc")))
void *cabi_realloc(void *ptr, size_t old_size, size_t align, size_t new_size) {
  (void)ptr;
  (void)old_size;
  if (new_size == 0) return (void *)align;
  top = (top + align - 1) & ~(align - 1);
  if (top + new_size > sizeof heap) __builtin_trap();
  void *result = heap + top;
  top += new_size;
  return result;
}

/* response: u16 status at 0, headers (ptr, len) at 4, body (ptr, len) at 12. */
static uint32_t response[5];

/* handler.handle: the request flattens to 8 i32; the response is returned through a pointer. */
__attribute__((export_name("platform:edge/handler@0.2.0#handle")))
uint32_t *handle(int32_t a0, int32_t a1, int32_t a2, int32_t a3, int32_t a4, int32_t a5, int32_t a6, int32_t a7) {
  (void)a0; (void)a1; (void)a2; (void)a3; (void)a4; (void)a5; (void)a6; (void)a7;
  response[0] = 204;
  return response;
}

/* result<_, string>: u8 discriminant at 0 (0 = ok), string (ptr, len) at 4. */
static uint32_t outcome[3];

/* events.handle: the event flattens to 13 i32 (topic, subject, key, id, attempt, headers, data). */
__attribute__((export_name("platform:edge/events@0.2.0#handle")))
uint32_t *handle_event(int32_t a0, int32_t a1, int32_t a2, int32_t a3, int32_t a4, int32_t a5, int32_t a6,
                       int32_t a7, int32_t a8, int32_t a9, int32_t a10, int32_t a11, int32_t a12) {
  (void)a0; (void)a1; (void)a2; (void)a3; (void)a4; (void)a5; (void)a6;
  (void)a7; (void)a8; (void)a9; (void)a10; (void)a11; (void)a12;
  outcome[0] = 0;
  return outcome;
}
