using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;

namespace Platform.EdgeRuntime.Components;

/// <summary>Compiles the verified bytes of a digest into an artefact; the bytes were already verified.</summary>
internal delegate T CompileArtefact<out T>(ReadOnlySpan<byte> bytes);

/// <summary>A compiled artefact with how it was obtained.</summary>
internal readonly record struct ArtefactInfo<T>(string Digest, T Artefact, bool LoadedFromDiskCache, TimeSpan LoadTime, long SizeBytes);

/// <summary>
/// What <see cref="ComponentCache"/> and <see cref="ModuleCache"/> share: verify the digest, compile
/// each digest once under a per-digest lock, keep it in memory and write the serialized artefact to
/// disk (atomically, via a temporary file), and deserialize from disk after a restart. An unreadable
/// artefact is deleted and recompiled.
/// </summary>
/// <typeparam name="T">The Wasmtime artefact (component or module).</typeparam>
/// <typeparam name="TCompiled">What callers get: the artefact plus digest, source and timing.</typeparam>
internal sealed class ArtefactCache<T, TCompiled>(
    string directory,
    string extension,
    CompileArtefact<T> compile,
    Func<T, byte[]> serialize,
    Func<string, T> deserializeFile,
    Func<ArtefactInfo<T>, TCompiled> wrap,
    ILogger logger)
    where TCompiled : class
{
    private readonly ConcurrentDictionary<string, TCompiled> _loaded = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, object> _locks = new(StringComparer.Ordinal);
    private int _compileCount;

    public int CompileCount => Volatile.Read(ref _compileCount);

    public TCompiled Load(string digest, ReadOnlySpan<byte> bytes)
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
            var artefact = compile(bytes);
            Interlocked.Increment(ref _compileCount);
            var path = ArtefactPath(key);
            var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
            File.WriteAllBytes(temp, serialize(artefact));
            File.Move(temp, path, overwrite: true);
            var entry = wrap(new ArtefactInfo<T>(key, artefact, LoadedFromDiskCache: false, clock.Elapsed, bytes.Length));
            _loaded[key] = entry;
            logger.LogInformation("Compiled {Digest} ({Bytes} bytes) in {Ms} ms", key, bytes.Length, clock.Elapsed.TotalMilliseconds);
            return entry;
        }
    }

    public bool TryLoad(string digest, [NotNullWhen(true)] out TCompiled? entry)
    {
        entry = null;
        if (!ComponentDigest.TryGetHex(digest, out var hex))
        {
            return false;
        }
        var key = ComponentDigest.Prefix + hex;
        lock (_locks.GetOrAdd(key, _ => new object()))
        {
            return TryLoadLocked(key, out entry);
        }
    }

    public void Evict(string digest) => _loaded.TryRemove(ComponentDigest.Prefix + ComponentDigest.Hex(digest), out _);

    /// <summary>
    /// The compiled artefact of <paramref name="digest"/> read from the disk cache as a new object that nothing else holds
    /// (memory-mapped: its code pages are the file's); not kept in memory here.
    /// </summary>
    /// <exception cref="FileNotFoundException">The disk cache has no artefact of the digest.</exception>
    /// <exception cref="Wasmtime.WasmtimeException">The artefact cannot be read.</exception>
    public TCompiled Open(string digest)
    {
        var key = ComponentDigest.Prefix + ComponentDigest.Hex(digest);
        var path = ArtefactPath(key);
        var clock = Stopwatch.StartNew();
        var artefact = deserializeFile(path);
        return wrap(new ArtefactInfo<T>(key, artefact, LoadedFromDiskCache: true, clock.Elapsed, new FileInfo(path).Length));
    }

    private bool TryLoadLocked(string key, [NotNullWhen(true)] out TCompiled? entry)
    {
        if (_loaded.TryGetValue(key, out entry))
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
            entry = wrap(new ArtefactInfo<T>(key, deserializeFile(path), LoadedFromDiskCache: true, clock.Elapsed, new FileInfo(path).Length));
            _loaded[key] = entry;
            return true;
        }
        catch (Wasmtime.WasmtimeException ex)
        {
            logger.LogWarning(ex, "Discarding unreadable compiled artefact {Path}", path);
            File.Delete(path);
            return false;
        }
    }

    private string ArtefactPath(string key) => Path.Combine(directory, ComponentDigest.Hex(key) + extension);
}
