namespace Platform.EdgeRuntime.Hosting;

/// <summary>Sizing of the shared Wasmtime engine. Bound from configuration section "Edge:Engine".</summary>
public sealed class EdgeEngineOptions
{
    /// <summary>Concurrent instances the pooling allocator reserves slots for.</summary>
    public int MaxConcurrentInstances { get; set; } = 256;

    /// <summary>Upper bound for any linear memory; a version's own limit is capped to it.</summary>
    public int MaxMemoryMb { get; set; } = 256;

    /// <summary>Bytes of each linear memory kept resident (not decommitted) when a slot is reused.</summary>
    public int KeepResidentBytes { get; set; } = 1 << 20;

    /// <summary>Decommits are batched this many at a time instead of one per instance.</summary>
    public int DecommitBatchSize { get; set; } = 64;

    /// <summary>Use the pooling allocator (the fast path); false falls back to on-demand allocation.</summary>
    public bool UsePoolingAllocator { get; set; } = true;

    /// <summary>
    /// Component versions whose compiled component stays in memory; beyond it the least recently used idle ones are parked
    /// and loaded again from the disk cache by their next request (<see cref="Execution.Residency"/>).
    /// </summary>
    public int MaxResidentVersions { get; set; } = Execution.Residency.DefaultCapacity;

    /// <summary>Largest request body passed to a component; larger requests are refused with 413.</summary>
    public int MaxRequestBodyBytes { get; set; } = 1 << 20;

    /// <summary>Largest CGI output (headers + body) a WAGI module may write to stdout; more is a 500.</summary>
    public int MaxWagiOutputBytes { get; set; } = 4 << 20;
}
