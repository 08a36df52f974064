using System.Security.Cryptography;

namespace Platform.EdgeNode.Ingress;

/// <summary>
/// Request ids unique across nodes and restarts without a random number per request: a random
/// 64-bit prefix drawn at start-up plus a counter.
/// </summary>
public static class RequestIds
{
    private static readonly string Prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
    private static long _counter;

    public static string Next() => string.Create(null, stackalloc char[40], $"{Prefix}{Interlocked.Increment(ref _counter):x8}");
}
