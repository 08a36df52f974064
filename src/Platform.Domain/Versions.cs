using Semver;

namespace Platform.Domain;

/// <summary>Semantic versions as the registry understands them (strict SemVer 2.0, no leading "v").</summary>
public static class Versions
{
    public static bool TryParse(string? text, out SemVersion version)
    {
        version = null!;
        if (string.IsNullOrWhiteSpace(text)) return false;
        return SemVersion.TryParse(text, SemVersionStyles.Strict, out version!);
    }

    public static SemVersion Parse(string text) =>
        TryParse(text, out var version) ? version : throw new DomainException($"'{text}' is not a semantic version such as 1.2.3.", "version");

    /// <summary>The next patch after the highest existing version, or 0.1.0 for the first.</summary>
    public static string NextPatch(IEnumerable<string> existing)
    {
        var highest = existing
            .Select(v => TryParse(v, out var parsed) ? parsed : null)
            .OfType<SemVersion>()
            .Max(SemVersion.PrecedenceComparer!);
        return highest is null ? "0.1.0" : $"{highest.Major}.{highest.Minor}.{highest.Patch + 1}";
    }
}
