using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.EdgeRuntime.Hosting;
using Wasmtime;

namespace Platform.EdgeRuntime.Components;

/// <summary>
/// The sibling of <see cref="ComponentCache"/> for core modules (the WAGI executor): digest
/// verified before compiling, compiled once, serialized to disk next to the components (as
/// "&lt;hex&gt;.module.cwasm") and deserialized after a restart.
/// </summary>
public sealed class ModuleCache
{
    private readonly ArtefactCache<Module, CompiledModule> _cache;

    public ModuleCache(EdgeEngine engine, string directory, ILogger<ModuleCache>? logger = null)
    {
        Directory = Path.Combine(Path.GetFullPath(directory), engine.CompatibilityKey);
        System.IO.Directory.CreateDirectory(Directory);
        _cache = new ArtefactCache<Module, CompiledModule>(Directory, ".module.cwasm",
            bytes => Module.FromBytes(engine.Engine, "wagi", bytes),
            module => module.Serialize(),
            path => Module.DeserializeFile(engine.Engine, "wagi", path),
            info => new CompiledModule(info.Digest, info.Artefact, info.LoadedFromDiskCache, info.LoadTime, info.SizeBytes),
            logger ?? (ILogger)NullLogger<ModuleCache>.Instance);
    }

    /// <summary>Where compiled artefacts of this engine version live (shared with the component cache).</summary>
    public string Directory { get; }

    /// <summary>How many modules this instance compiled from source bytes.</summary>
    public int CompileCount => _cache.CompileCount;

    /// <summary>Verifies <paramref name="bytes"/> against <paramref name="digest"/>, then returns the compiled module.</summary>
    /// <exception cref="DigestMismatchException">The bytes do not hash to the digest.</exception>
    /// <exception cref="WasmtimeException">The bytes are not a valid core module.</exception>
    public CompiledModule Load(string digest, ReadOnlySpan<byte> bytes) => _cache.Load(digest, bytes);

    /// <summary>A module already in memory or in the disk cache; no download or compile needed.</summary>
    public bool TryLoad(string digest, [NotNullWhen(true)] out CompiledModule? module) => _cache.TryLoad(digest, out module);

    /// <summary>Forgets a module no version uses any more (in-flight instances keep it alive).</summary>
    public void Evict(string digest) => _cache.Evict(digest);
}
