using Platform.Contracts.Nodes;
using Platform.EdgeRuntime.Components;
using Wasmtime.Components;

namespace Platform.EdgeRuntime.Execution;

/// <summary>
/// A version that compiled, linked and instantiated once: ready to take traffic. Its linker
/// defines exactly the capabilities the version was granted. Retired versions are left to the
/// garbage collector because in-flight requests may still be instantiating from them.
/// </summary>
public sealed class LoadedVersion
{
    internal LoadedVersion(string service, VersionAssignmentDto assignment, CompiledComponent compiled, ComponentLinker linker)
    {
        Service = service;
        Assignment = assignment;
        Compiled = compiled;
        Linker = linker;
    }

    public string Service { get; }

    public VersionAssignmentDto Assignment { get; }

    public string Version => Assignment.Version;

    public string Digest => Assignment.Digest;

    public LimitsDto Limits => Assignment.Limits;

    public CompiledComponent Compiled { get; }

    internal ComponentLinker Linker { get; }

    /// <summary>True when the assignment can be served by this instance without reloading (same digest, grants and limits).</summary>
    public bool Serves(VersionAssignmentDto assignment) =>
        assignment.Version == Version &&
        assignment.Digest == Digest &&
        assignment.Executor == Assignment.Executor &&
        assignment.Limits == Limits &&
        assignment.Capabilities.AllowedOutboundHosts.SequenceEqual(Assignment.Capabilities.AllowedOutboundHosts) &&
        assignment.Capabilities.KeyValueStores.SequenceEqual(Assignment.Capabilities.KeyValueStores) &&
        assignment.Capabilities.Variables.Count == Assignment.Capabilities.Variables.Count &&
        assignment.Capabilities.Variables.All(v => Assignment.Capabilities.Variables.TryGetValue(v.Key, out var value) && value == v.Value);
}
