using System.Reflection;
using Wasmtime;

namespace Platform.EdgeRuntime.Hosting;

/// <summary>
/// The one Wasmtime engine of a node: component model, epoch interruption driven by a 1 ms
/// ticker, and a pooling allocator that keeps memory resident and decommits in batches (fresh
/// instances in a few microseconds instead of tens).
/// </summary>
public sealed class EdgeEngine : IDisposable
{
    private readonly EpochTicker _ticker;

    public EdgeEngine(EdgeEngineOptions options)
    {
        Options = options;
        var config = new Config()
            .WithComponentModel(true)
            .WithEpochInterruption(true);
        if (options.UsePoolingAllocator)
        {
            var instances = (uint)options.MaxConcurrentInstances;
            // wit-component adds shim and fixup core modules: a component is ~4 core instances.
            var pool = new PoolingAllocationConfig()
                .WithTotalComponentInstances(instances)
                .WithMaxCoreInstances(instances * 4)
                .WithMaxMemories(instances)
                .WithMaxTables(instances * 2)
                .WithMaxMemorySize((nuint)((long)options.MaxMemoryMb << 20))
                .WithLinearMemoryKeepResidentBytes((nuint)options.KeepResidentBytes)
                .WithTableKeepResidentBytes((nuint)(64 * 1024))
                // Freed slots wait in the decommit batch, unavailable: a batch near the pool's size refused
                // requests with "maximum concurrent limit" while most slots were idle. At most a quarter of the pool.
                .WithDecommitBatchSize((nuint)Math.Clamp(options.DecommitBatchSize, 1, Math.Max(1, options.MaxConcurrentInstances / 4)));
            config = config.WithPoolingAllocationStrategy(pool);
        }
        Engine = new Engine(config);
        _ticker = new EpochTicker(Engine);
    }

    public Engine Engine { get; }

    public EdgeEngineOptions Options { get; }

    /// <summary>Wasmtime version plus the settings that make compiled artefacts incompatible.</summary>
    public string CompatibilityKey => $"wasmtime-{WasmtimeVersion}-cm-epoch";

    public static string WasmtimeVersion { get; } =
        typeof(Engine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(Engine).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    public void Dispose()
    {
        _ticker.Dispose();
        Engine.Dispose();
    }
}
