using System.Globalization;
using Platform.Domain.Services;

namespace Platform.Application.Sources;

/// <summary>
/// The hook every service repository carries: git runs it before it updates any ref, so a refused push
/// changes nothing, and its messages reach the pushing client as "remote: …" lines.
/// Only fast-forward updates of main are accepted, and only when every pushed commit's tree is within <see
/// cref="SourceLimits"/> and has no path a toolchain could misread: control characters, backslashes, quotes, <c>..</c>
/// or <c>.</c> segments, a segment starting with <c>-</c>. Paths are named in the refusal as git escapes them.
/// </summary>
public static class PreReceiveHook
{
    public static string Script { get; } = """
        #!/bin/sh
        # Installed by Platform; rewritten whenever the platform opens the repository.
        status=0
        while read -r old new ref; do
          if [ "$ref" != "refs/heads/main" ]; then
            echo "Platform: only the main branch can be pushed; '$ref' was refused." >&2
            status=1; continue
          fi
          if [ -z "$(printf '%s' "$new" | tr -d 0)" ]; then
            echo "Platform: the main branch cannot be deleted." >&2
            status=1; continue
          fi
          if [ -n "$(printf '%s' "$old" | tr -d 0)" ] && ! git merge-base --is-ancestor "$old" "$new"; then
            echo "Platform: force pushes to main are refused (the push would drop commits); pull, merge and push again." >&2
            status=1; continue
          fi
          # Every commit the push brings (not only the tip) is held to the limits and the path rules.
          for commit in $(git rev-list "$new" --not --all); do
            problems=$(git -c core.quotePath=false ls-tree -r -l "$commit" | awk -F '\t' -v max_file=MAX_FILE -v max_total=MAX_TOTAL -v max_files=MAX_FILES '
              {
                split($1, f, " "); path = $2
                # git quotes a path holding a control character, a backslash or a double quote, escaped: name it as git shows it.
                if (substr(path, 1, 1) == "\"") odd = odd " " path
                else {
                  n = split(path, seg, "/")
                  for (i = 1; i <= n; i++) if (seg[i] == ".." || seg[i] == "." || substr(seg[i], 1, 1) == "-") { odd = odd " \"" path "\""; break }
                }
                if (f[2] != "blob") next
                files++; if (f[4] + 0 > max_file) big = big " " path; total += f[4]
              }
              END {
                if (odd != "") print "paths with control characters, backslashes, quotes, \"..\" or \".\" segments, or a segment starting with \"-\" (a toolchain could read them as options):" odd;
                if (big != "") print "files larger than " max_file " bytes:" big;
                if (total > max_total) print "the files add up to more than " max_total " bytes";
                if (files > max_files) print "more than " max_files " files";
              }')
            if [ -n "$problems" ]; then
              printf '%s\n' "$problems" | while IFS= read -r problem; do
                # printf, not echo: dash's echo would turn git's escapes (\033) back into control characters.
                printf 'Platform: the push was refused: commit %s: %s\n' "$(git rev-parse --short "$commit")" "$problem" >&2
              done
              status=1
              break
            fi
          done
        done
        exit $status

        """
        .Replace("MAX_FILES", SourceLimits.MaxFiles.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("MAX_FILE", SourceLimits.MaxFileBytes.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("MAX_TOTAL", SourceLimits.MaxTotalBytes.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
