using System.Security.Cryptography;

namespace Platform.EdgeRuntime.Components;

/// <summary>Content digests in the registry's form: "sha256:" followed by 64 lower-case hex digits.</summary>
public static class ComponentDigest
{
    public const string Prefix = "sha256:";

    public static string Compute(ReadOnlySpan<byte> bytes) =>
        Prefix + Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The 64 hex digits of a well-formed digest (lower-cased); throws <see cref="FormatException"/> otherwise.</summary>
    public static string Hex(string digest)
    {
        if (!TryGetHex(digest, out var hex))
        {
            throw new FormatException($"'{digest}' is not a digest of the form sha256:<64 hex digits>.");
        }
        return hex;
    }

    public static bool TryGetHex(string? digest, out string hex)
    {
        hex = string.Empty;
        if (digest is null || !digest.StartsWith(Prefix, StringComparison.Ordinal) || digest.Length != Prefix.Length + 64)
        {
            return false;
        }
        var candidate = digest[Prefix.Length..];
        if (!candidate.All(Uri.IsHexDigit))
        {
            return false;
        }
        hex = candidate.ToLowerInvariant();
        return true;
    }

    /// <summary>Throws <see cref="DigestMismatchException"/> unless the bytes hash to the digest.</summary>
    public static void Verify(string digest, ReadOnlySpan<byte> bytes)
    {
        var expected = Prefix + Hex(digest);
        var actual = Compute(bytes);
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            throw new DigestMismatchException(expected, actual);
        }
    }
}
