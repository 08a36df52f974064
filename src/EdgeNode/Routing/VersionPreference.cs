namespace Platform.EdgeNode.Routing;

/// <summary>What a request says about the version it wants, strongest first.</summary>
/// <param name="Pinned">x-platform-version: exactly this version, or 404 when it is not served here.</param>
/// <param name="StickyKey">x-platform-sticky: the same key lands on the same version while the weights stay the same.</param>
/// <param name="CookieVersion">The platform-version-&lt;service&gt; cookie: stay on this version while it takes traffic.</param>
public sealed record VersionPreference(string? Pinned = null, string? StickyKey = null, string? CookieVersion = null)
{
    public static VersionPreference None { get; } = new();
}
