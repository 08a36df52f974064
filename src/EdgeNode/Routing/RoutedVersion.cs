using Platform.EdgeRuntime.Execution;

namespace Platform.EdgeNode.Routing;

/// <summary>A ready version and its share (0..100) of its service's traffic.</summary>
public sealed record RoutedVersion(LoadedVersion Loaded, int Weight);
