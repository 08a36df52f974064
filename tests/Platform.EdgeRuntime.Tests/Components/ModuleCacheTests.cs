using Platform.EdgeRuntime.Components;
using Platform.EdgeRuntime.Tests.Support;

namespace Platform.EdgeRuntime.Tests.Components;

[Collection(EdgeCollection.Name)]
public sealed class ModuleCacheTests(EdgeFixture edge)
{
    [Fact]
    public void Load_DigestMismatch_RefusedBeforeCompiling()
    {
        var cache = new ModuleCache(edge.Engine, NewCacheDirectory());
        var hello = edge.Components.Bytes("hello-wagi");
        var otherDigest = ComponentDigest.Compute(edge.Components.Bytes("loop-wagi"));

        var error = Assert.Throws<DigestMismatchException>(() => cache.Load(otherDigest, hello));

        Assert.Equal(ComponentDigest.Compute(hello), error.Actual);
        Assert.Equal(0, cache.CompileCount);
        Assert.Empty(Directory.GetFiles(cache.Directory));
    }

    [Fact]
    public void Load_NewCacheOnSameDirectory_DeserializesWithoutCompiling()
    {
        var directory = NewCacheDirectory();
        var bytes = edge.Components.Bytes("hello-wagi");
        var digest = ComponentDigest.Compute(bytes);
        var first = new ModuleCache(edge.Engine, directory);
        first.Load(digest, bytes);
        first.Load(digest, bytes);

        var restarted = new ModuleCache(edge.Engine, directory);
        var found = restarted.TryLoad(digest, out var loaded);

        Assert.Equal(1, first.CompileCount);
        Assert.True(found);
        Assert.True(loaded!.LoadedFromDiskCache);
        Assert.Equal(0, restarted.CompileCount);
        Assert.Single(Directory.GetFiles(restarted.Directory, "*.module.cwasm"));
    }

    [Fact]
    public void Load_ComponentBytes_ThrowsWasmtimeException()
    {
        var cache = new ModuleCache(edge.Engine, NewCacheDirectory());
        var component = edge.Components.Bytes("hello");

        Assert.ThrowsAny<Wasmtime.WasmtimeException>(() => cache.Load(ComponentDigest.Compute(component), component));
        Assert.Equal(0, cache.CompileCount);
    }

    private string NewCacheDirectory() => Path.Combine(edge.DataDirectory, "modules-" + Guid.NewGuid().ToString("N"));
}
