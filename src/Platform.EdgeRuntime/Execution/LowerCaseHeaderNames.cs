using System.Collections.Frozen;

namespace Platform.EdgeRuntime.Execution;

/// <summary>
/// Lower-case header names without a new string per request: Kestrel hands over the common
/// names in their canonical casing ("Host", "User-Agent"), which would otherwise be lowered
/// into a fresh string on every request. Other names are lowered as usual.
/// </summary>
internal static class LowerCaseHeaderNames
{
    private static readonly FrozenDictionary<string, string> Common = new[]
    {
        "accept", "accept-charset", "accept-encoding", "accept-language", "authorization", "cache-control", "connection",
        "content-encoding", "content-language", "content-length", "content-type", "cookie", "date", "dnt", "expect",
        "forwarded", "host", "if-match", "if-modified-since", "if-none-match", "if-range", "if-unmodified-since", "origin",
        "pragma", "priority", "range", "referer", "sec-ch-ua", "sec-ch-ua-mobile", "sec-ch-ua-platform", "sec-fetch-dest",
        "sec-fetch-mode", "sec-fetch-site", "sec-fetch-user", "te", "traceparent", "tracestate", "transfer-encoding",
        "upgrade", "upgrade-insecure-requests", "user-agent", "via", "x-forwarded-for", "x-forwarded-host",
        "x-forwarded-proto", "x-platform-sticky", "x-platform-version", "x-request-id", "x-requested-with",
    }.ToFrozenDictionary(name => name, StringComparer.OrdinalIgnoreCase);

    public static string Get(string name) => Common.TryGetValue(name, out var lower) ? lower : name.ToLowerInvariant();
}
