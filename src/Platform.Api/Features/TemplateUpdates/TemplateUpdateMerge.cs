using Platform.Application.Sources;

namespace Platform.Api.Features.TemplateUpdates;

/// <summary>
/// Carries a template's change (base → next render) into the service's current files, file by file: untouched
/// files are taken as they are, edited files are merged three-way (<c>git merge-file</c>). A file both sides changed
/// incompatibly — including one the template removes or adds that the repository changed or added too — is a conflict.
/// </summary>
public static class TemplateUpdateMerge
{
    public static async Task<(List<GitFileChange> Changes, List<string> Conflicts)> MergeAsync(
        TemplateUpdatePlan plan, GitTree main, GitTextMerge merge, CancellationToken ct)
    {
        var changes = new List<GitFileChange>();
        var conflicts = new List<string>();
        foreach (var path in plan.ChangedPaths())
        {
            var @base = plan.Base.GetValueOrDefault(path);
            var theirs = plan.Next.GetValueOrDefault(path);
            var current = main.Files.GetValueOrDefault(path);
            var ours = current?.Content;
            var mode = current?.Mode ?? GitFileChange.RegularMode;
            if (ours == theirs) continue;
            if (ours == @base)
            {
                changes.Add(new GitFileChange(path, theirs, mode));
                continue;
            }
            if (@base is null || theirs is null || ours is null)
            {
                conflicts.Add(path);
                continue;
            }
            var merged = await merge.MergeAsync(ours, @base, theirs, ct);
            if (merged is null) conflicts.Add(path);
            else if (merged != ours) changes.Add(new GitFileChange(path, merged, mode));
        }
        return (changes, conflicts);
    }
}
