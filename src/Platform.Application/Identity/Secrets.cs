using System.Security.Cryptography;
using System.Text;

namespace Platform.Application.Identity;

/// <summary>Random bearer secrets and the only form in which they are stored: their SHA-256.</summary>
public static class Secrets
{
    public static string Create(string prefix) =>
        prefix + "_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Constant-time comparison for configured secrets such as the node enrolment token.</summary>
    public static bool Matches(string? presented, string expected) =>
        presented is not null &&
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(Hash(presented)), Encoding.UTF8.GetBytes(Hash(expected)));
}
