using Platform.Domain.Nodes;

namespace Platform.Domain.Deployments.Analysis;

/// <summary>The latencies of the control (baseline or stable) and of the canary on one node over an analysis window.</summary>
public sealed record LatencyStratum(LatencySketch Control, LatencySketch Canary)
{
    /// <summary>Whether both sides have latencies here: only such a node compares the two.</summary>
    public bool Comparable => Control.Count > 0 && Canary.Count > 0;
}
