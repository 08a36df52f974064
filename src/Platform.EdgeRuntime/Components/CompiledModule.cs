using Wasmtime;

namespace Platform.EdgeRuntime.Components;

/// <summary>A core module (WAGI executor) compiled for this node's engine, shared by every version with the same digest.</summary>
/// <param name="LoadedFromDiskCache">True when the artefact was deserialized from the disk cache, not compiled.</param>
/// <param name="LoadTime">Time spent compiling or deserializing.</param>
public sealed record CompiledModule(
    string Digest,
    Module Module,
    bool LoadedFromDiskCache,
    TimeSpan LoadTime,
    long SizeBytes);
