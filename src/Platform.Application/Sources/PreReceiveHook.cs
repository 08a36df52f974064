using System.Globalization;
using Platform.Domain.Services;

namespace Platform.Application.Sources;

/// <summary>
/// The hook every service repository carries: git runs it before it updates any ref, so a refused push
/// changes nothing, and its messages reach the pushing client as "remote: …" lines.
/// Only fast-forward updates of main are accepted, and only trees within <see cref="SourceLimits"/>.
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
          problems=$(git ls-tree -r -l "$new" | awk -F '\t' -v max_file=MAX_FILE -v max_total=MAX_TOTAL -v max_files=MAX_FILES '
            { split($1, f, " "); if (f[2] != "blob") next; files++; if (f[4] + 0 > max_file) big = big " " $2; total += f[4] }
            END {
              if (big != "") print "files larger than " max_file " bytes:" big;
              if (total > max_total) print "the files add up to more than " max_total " bytes";
              if (files > max_files) print "more than " max_files " files";
            }')
          if [ -n "$problems" ]; then
            echo "Platform: the push was refused: $problems" >&2
            status=1
          fi
        done
        exit $status

        """
        .Replace("MAX_FILES", SourceLimits.MaxFiles.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("MAX_FILE", SourceLimits.MaxFileBytes.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("MAX_TOTAL", SourceLimits.MaxTotalBytes.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
