using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.EdgeRuntime.Hosting;
using Wasmtime.Components;

namespace Platform.EdgeRuntime.Components;

/// <summary>
/// Compiles each component digest once. Bytes are verified against their digest before anything
/// is compiled; the compiled artefact is written to disk under the engine's compatibility key, so
/// a restarted node deserializes (sub-millisecond) instead of recompiling.
/// </summary>
public sealed class ComponentCache
{
    private readonly ArtefactCache<Component, CompiledComponent> _cache;

    public ComponentCache(EdgeEngine engine, string directory, ILogger<ComponentCache>? logger = null)
    {
        Directory = Path.Combine(Path.GetFullPath(directory), engine.CompatibilityKey);
        System.IO.Directory.CreateDirectory(Directory);
        _cache = new ArtefactCache<Component, CompiledComponent>(Directory, ".cwasm",
            bytes => Component.FromBytes(engine.Engine, bytes),
            component => component.Serialize(),
            path => Component.DeserializeFile(engine.Engine, path),
            info => new CompiledComponent(info.Digest, info.Artefact, info.LoadedFromDiskCache, info.LoadTime, info.SizeBytes),
            logger ?? (ILogger)NullLogger<ComponentCache>.Instance);
    }

    /// <summary>Where compiled artefacts of this engine version live.</summary>
    public string Directory { get; }

    /// <summary>How many components this instance compiled from source bytes.</summary>
    public int CompileCount => _cache.CompileCount;

    /// <summary>Verifies <paramref name="bytes"/> against <paramref name="digest"/>, then returns the compiled component.</summary>
    /// <exception cref="DigestMismatchException">The bytes do not hash to the digest.</exception>
    /// <exception cref="Wasmtime.WasmtimeException">The bytes are not a valid component.</exception>
    public CompiledComponent Load(string digest, ReadOnlySpan<byte> bytes) => _cache.Load(digest, bytes);

    /// <summary>A component already in memory or in the disk cache; no download or compile needed.</summary>
    public bool TryLoad(string digest, [NotNullWhen(true)] out CompiledComponent? component) => _cache.TryLoad(digest, out component);

    /// <summary>Forgets a component no version uses any more (in-flight instances keep it alive).</summary>
    public void Evict(string digest) => _cache.Evict(digest);

    /// <summary>
    /// The compiled component read again from the disk cache, a new object each call that nothing here keeps: what a parked
    /// version is loaded again with (<see cref="Execution.Residency"/>).
    /// </summary>
    /// <exception cref="FileNotFoundException">The disk cache has no artefact of the digest.</exception>
    public CompiledComponent Open(string digest)
    {
        if (!File.Exists(Path.Combine(Directory, ComponentDigest.Hex(digest) + ".cwasm")))
        {
            throw new FileNotFoundException($"The compiled component {digest} is not in the disk cache.");
        }
        return _cache.Open(digest);
    }
}
