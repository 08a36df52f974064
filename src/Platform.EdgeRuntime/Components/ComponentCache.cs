using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.EdgeRuntime.Hosting;
using Wasmtime.Components;

namespace Platform.EdgeRuntime.Components;

/// <summary>
/// Compiles each digest once. Bytes are verified against their digest before anything is
/// compiled; the compiled artefact is written to disk under the engine's compatibility key, so a
/// restarted node deserializes (sub-millisecond) instead of recompiling.
/// </summary>
public sealed class ComponentCache
{
    private readonly EdgeEngine _engine;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, CompiledComponent> _loaded = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, object> _locks = new(StringComparer.Ordinal);
    private int _compileCount;

    public ComponentCache(EdgeEngine engine, string directory, ILogger<ComponentCache>? logger = null)
    {
        _engine = engine;
        _logger = logger ?? NullLogger<ComponentCache>.Instance;
        Directory = Path.Combine(Path.GetFullPath(directory), engine.CompatibilityKey);
        System.IO.Directory.CreateDirectory(Directory);
    }

    /// <summary>Where compiled artefacts of this engine version live.</summary>
    public string Directory { get; }

    /// <summary>How many components this instance compiled from source bytes.</summary>
    public int CompileCount => Volatile.Read(ref _compileCount);

    /// <summary>Verifies <paramref name="bytes"/> against <paramref name="digest"/>, then returns the compiled component.</summary>
    /// <exception cref="DigestMismatchException">The bytes do not hash to the digest.</exception>
    /// <exception cref="Wasmtime.WasmtimeException">The bytes are not a valid component.</exception>
    public CompiledComponent Load(string digest, ReadOnlySpan<byte> bytes)
    {
        ComponentDigest.Verify(digest, bytes);
        var key = ComponentDigest.Prefix + ComponentDigest.Hex(digest);
        lock (_locks.GetOrAdd(key, _ => new object()))
        {
            if (TryLoadLocked(key, out var cached))
            {
                return cached;
            }
            var clock = Stopwatch.StartNew();
            var component = Component.FromBytes(_engine.Engine, bytes);
            Interlocked.Increment(ref _compileCount);
            WriteArtefact(key, component);
            var compiled = new CompiledComponent(key, component, LoadedFromDiskCache: false, clock.Elapsed, bytes.Length);
            _loaded[key] = compiled;
            _logger.LogInformation("Compiled {Digest} ({Bytes} bytes) in {Ms} ms", key, bytes.Length, clock.Elapsed.TotalMilliseconds);
            return compiled;
        }
    }

    /// <summary>A component already in memory or in the disk cache; no download or compile needed.</summary>
    public bool TryLoad(string digest, [NotNullWhen(true)] out CompiledComponent? component)
    {
        component = null;
        if (!ComponentDigest.TryGetHex(digest, out var hex))
        {
            return false;
        }
        var key = ComponentDigest.Prefix + hex;
        lock (_locks.GetOrAdd(key, _ => new object()))
        {
            return TryLoadLocked(key, out component);
        }
    }

    /// <summary>Forgets a component no version uses any more (in-flight instances keep it alive).</summary>
    public void Evict(string digest) => _loaded.TryRemove(digest, out _);

    private bool TryLoadLocked(string key, [NotNullWhen(true)] out CompiledComponent? component)
    {
        if (_loaded.TryGetValue(key, out component))
        {
            return true;
        }
        var path = ArtefactPath(key);
        if (!File.Exists(path))
        {
            return false;
        }
        var clock = Stopwatch.StartNew();
        try
        {
            var deserialized = Component.DeserializeFile(_engine.Engine, path);
            component = new CompiledComponent(key, deserialized, LoadedFromDiskCache: true, clock.Elapsed, new FileInfo(path).Length);
            _loaded[key] = component;
            return true;
        }
        catch (Wasmtime.WasmtimeException ex)
        {
            _logger.LogWarning(ex, "Discarding unreadable compiled artefact {Path}", path);
            File.Delete(path);
            return false;
        }
    }

    private void WriteArtefact(string key, Component component)
    {
        var path = ArtefactPath(key);
        var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(temp, component.Serialize());
        File.Move(temp, path, overwrite: true);
    }

    private string ArtefactPath(string key) => Path.Combine(Directory, ComponentDigest.Hex(key) + ".cwasm");
}
