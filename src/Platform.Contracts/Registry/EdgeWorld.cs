namespace Platform.Contracts.Registry;

/// <summary>
/// The versions of the platform:edge WIT package (wit/platform-edge.wit is the current one, wit/&lt;version&gt;/ the older
/// ones), in one place for the control plane (what a component may import, <c>EdgeInterfaces</c>) and the nodes (what
/// they link and look up, <c>PlatformWorld</c>). Nodes serve components of every version listed.
/// </summary>
public static class EdgeWorld
{
    public const string Package = "platform:edge";

    public const string Current = "0.3.0";

    /// <summary>Every version nodes serve, the current first.</summary>
    public static IReadOnlyList<string> Versions { get; } = [Current, "0.2.0", "0.1.0"];

    /// <summary>Interfaces a later version added, with the version that did; the others are in every version.</summary>
    private static readonly Dictionary<string, Version> Since = new(StringComparer.Ordinal)
    {
        ["events"] = new(0, 2, 0),
        ["publisher"] = new(0, 2, 0),
    };

    /// <summary>The version whose bodies, key-value values and event data are the <c>content</c> variant (text as one string) instead of <c>list&lt;u8&gt;</c>.</summary>
    private static readonly Version ContentVariantSince = new(0, 3, 0);

    /// <summary>Whether <paramref name="version"/> carries bodies, key-value values and event data as the <c>content</c> variant (0.3.0 on) rather than as <c>list&lt;u8&gt;</c>.</summary>
    public static bool HasContentVariant(string version) => Version.Parse(version) >= ContentVariantSince;

    /// <summary>The version in a qualified interface name ("0.2.0" of "platform:edge/key-value@0.2.0").</summary>
    public static string VersionOf(string qualified) => qualified[(qualified.IndexOf('@') + 1)..];

    /// <summary>"platform:edge/&lt;name&gt;@&lt;version&gt;".</summary>
    public static string Qualified(string name, string version = Current) => $"{Package}/{name}@{version}";

    /// <summary>The interface's name without package and version ("key-value" of "platform:edge/key-value@0.2.0").</summary>
    public static string NameOf(string qualified) => qualified[(Package.Length + 1)..qualified.IndexOf('@')];

    /// <summary>The interface's qualified name in every version that has it, the current first.</summary>
    public static IEnumerable<string> InEveryVersion(string qualified)
    {
        var name = NameOf(qualified);
        return Versions.Where(v => !Since.TryGetValue(name, out var since) || Version.Parse(v) >= since).Select(v => Qualified(name, v));
    }
}
