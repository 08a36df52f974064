using System.Text.Json.Serialization;

namespace Platform.Contracts.Nodes;

/// <summary>Why a version is placed on a node.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VersionRole>))]
public enum VersionRole
{
    /// <summary>The version itself (stable or canary): addressable by its name, its own metrics.</summary>
    Serving = 0,

    /// <summary>
    /// While a canary is analysed: a fresh copy of the stable version (same digest), started with the canary and
    /// given the canary's weight, so the canary is compared with something equally cold. It answers exactly like
    /// stable (same version header, same sticky cookie) and is never addressable on its own; its instances, instance
    /// budget and metrics are its own.
    /// </summary>
    Baseline = 1,
}
