using Platform.Contracts.Registry;

namespace Platform.EdgeRuntime.Inspection;

/// <summary>
/// The names of the platform:edge worlds as a node uses them (the versions: <see cref="EdgeWorld"/>). Nodes serve
/// components of every version in <see cref="Versions"/>: each capability is linked under its name in each version, and the
/// handler is looked up in each. What a version may import is decided at publish time by the control plane
/// (Platform.Application's CapabilityPolicy).
/// </summary>
public static class PlatformWorld
{
    public const string Package = EdgeWorld.Package;
    public const string Current = EdgeWorld.Current;
    public static IReadOnlyList<string> Versions => EdgeWorld.Versions;

    public const string HandleFunction = "handle";
    public const string Handler = $"{Package}/handler@{Current}";
    public const string Types = $"{Package}/types@{Current}";
    public const string Log = $"{Package}/log@{Current}";
    public const string Config = $"{Package}/config@{Current}";
    public const string KeyValue = $"{Package}/key-value@{Current}";
    public const string OutboundHttp = $"{Package}/outbound-http@{Current}";

    /// <summary>The event-handler export (0.2.0 on; <c>events.handle</c>).</summary>
    public const string Events = $"{Package}/events@{Current}";

    /// <summary>The publish import (0.2.0 on).</summary>
    public const string Publisher = $"{Package}/publisher@{Current}";

    /// <summary>The interface's name in every version that has it, the current first ("platform:edge/log@0.2.0", "…@0.1.0").</summary>
    public static IEnumerable<string> InEveryVersion(string current) => EdgeWorld.InEveryVersion(current);
}
