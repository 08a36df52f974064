using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Platform.Domain;

/// <summary>Content addresses of blobs: "sha256:" followed by 64 lower-case hex digits.</summary>
public static partial class Digest
{
    public static string Of(ReadOnlySpan<byte> content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    public static bool IsValid(string? digest) => digest is not null && DigestRegex().IsMatch(digest);

    [GeneratedRegex("^sha256:[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex DigestRegex();
}
