namespace Platform.Domain.Identity;

/// <summary>What a token may do. A token never grants more than its owner has.</summary>
public static class TokenScopes
{
    public const string Read = "read";
    public const string Write = "write";

    public static IReadOnlyList<string> All { get; } = [Read, Write];

    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);
}
