using Platform.Contracts.Registry;

namespace Platform.Domain.Manifests;

/// <summary>
/// Interface names of the platform:edge WIT package as the control plane uses them (the versions: <see cref="EdgeWorld"/>).
/// Nodes serve components of every version in <see cref="Versions"/>: a name here is the current version's, and
/// <see cref="AllVersions"/> gives an interface's name in each.
/// </summary>
public static class EdgeInterfaces
{
    public const string Package = EdgeWorld.Package;
    public const string PackageVersion = EdgeWorld.Current;
    public static IReadOnlyList<string> Versions => EdgeWorld.Versions;
    public static string Types { get; } = Qualified("types");
    public static string Handler { get; } = Qualified("handler");
    public static string Log { get; } = Qualified("log");
    public static string Config { get; } = Qualified("config");
    public static string KeyValue { get; } = Qualified("key-value");
    public static string OutboundHttp { get; } = Qualified("outbound-http");

    /// <summary>The event-handler export (0.2.0 on): a component with triggers must export it.</summary>
    public static string Events { get; } = Qualified("events");

    /// <summary>The publish import (0.2.0 on), granted by <c>publish_topics</c>.</summary>
    public static string Publisher { get; } = Qualified("publisher");

    /// <summary>"platform:edge/&lt;name&gt;@&lt;version&gt;" for every version that has the interface.</summary>
    public static IEnumerable<string> AllVersions(string qualified) => EdgeWorld.InEveryVersion(qualified);

    /// <summary>The interface's name without package and version ("key-value"), for messages.</summary>
    public static string ShortName(string qualified) =>
        qualified.StartsWith(Package + "/", StringComparison.Ordinal) && qualified.IndexOf('@') is > 0 and var at
            ? qualified[(Package.Length + 1)..at]
            : qualified;

    private static string Qualified(string name) => EdgeWorld.Qualified(name);
}
