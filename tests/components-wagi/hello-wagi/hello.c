/*
 * A WAGI (CGI-style) handler: request line and headers arrive in the environment, the body on
 * stdin; headers, a blank line and the body go to stdout. The query selects test behaviours:
 *   status=NNN  answer with "Status: NNN Custom"
 *   nocontent   omit Content-Type (the node must answer 500)
 *   redirect    answer with only a Location header
 *   exit=N      after answering, end with exit(N) (WASI proc_exit)
 *   trap        trap (unreachable) before answering
 *   stderr      write a line to stderr (the node logs it)
 *   flood=N     after the headers, write N KiB of body (the node bounds what it keeps)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *env(const char *name) {
  const char *value = getenv(name);
  return value ? value : "";
}

static int has_flag(const char *query, const char *flag) {
  size_t len = strlen(flag);
  for (const char *p = query; (p = strstr(p, flag)) != NULL; p += len) {
    int starts = p == query || p[-1] == '&';
    int ends = p[len] == '\0' || p[len] == '&' || p[len] == '=';
    if (starts && ends) return 1;
  }
  return 0;
}

int main(void) {
  const char *query = env("QUERY_STRING");
  if (has_flag(query, "trap")) __builtin_trap();
  if (has_flag(query, "stderr")) fprintf(stderr, "a line for the log\n");
  if (has_flag(query, "redirect")) {
    printf("Location: /elsewhere\n\n");
    return 0;
  }
  const char *status = strstr(query, "status=");
  if (status != NULL) printf("Status: %.3s Custom\n", status + 7);
  if (!has_flag(query, "nocontent")) printf("Content-Type: text/plain\n");
  printf("X-Script-Name: %s\n", env("SCRIPT_NAME"));
  printf("X-Matched-Route: %s\n", env("X_MATCHED_ROUTE"));
  printf("X-Test-Header: %s\n", env("HTTP_X_TEST"));
  printf("X-Greeting: %s\n", env("GREETING"));
  printf("\n");
  const char *flood = strstr(query, "flood=");
  if (flood != NULL) {
    static char kib[1024];
    memset(kib, 'x', sizeof kib);
    for (long i = strtol(flood + 6, NULL, 10); i > 0; i--) fwrite(kib, 1, sizeof kib, stdout);
    return 0;
  }
  printf("method=%s\npath_info=%s\nquery=%s\nbody=", env("REQUEST_METHOD"), env("PATH_INFO"), query);
  long remaining = strtol(env("CONTENT_LENGTH"), NULL, 10);
  char buffer[4096];
  while (remaining > 0) {
    size_t want = remaining < (long)sizeof buffer ? (size_t)remaining : sizeof buffer;
    size_t got = fread(buffer, 1, want, stdin);
    if (got == 0) break;
    fwrite(buffer, 1, got, stdout);
    remaining -= (long)got;
  }
  const char *exit_code = strstr(query, "exit=");
  if (exit_code != NULL) {
    fflush(stdout);
    exit((int)strtol(exit_code + 5, NULL, 10));
  }
  return 0;
}
