using Platform.EdgeRuntime.Components;
using Platform.EdgeRuntime.Tests.Support;

namespace Platform.EdgeRuntime.Tests.Components;

[Collection(EdgeCollection.Name)]
public sealed class ComponentCacheTests(EdgeFixture edge)
{
    [Fact]
    public void Load_DigestMismatch_RefusedBeforeCompiling()
    {
        var directory = NewCacheDirectory();
        var cache = new ComponentCache(edge.Engine, directory);
        var hello = edge.Components.Bytes("hello");
        var otherDigest = ComponentDigest.Compute(edge.Components.Bytes("echo"));

        var error = Assert.Throws<DigestMismatchException>(() => cache.Load(otherDigest, hello));

        Assert.Equal(otherDigest, error.Expected);
        Assert.Equal(ComponentDigest.Compute(hello), error.Actual);
        Assert.Equal(0, cache.CompileCount);
        Assert.Empty(Directory.GetFiles(cache.Directory));
    }

    [Fact]
    public void Load_MalformedDigest_Refused()
    {
        var cache = new ComponentCache(edge.Engine, NewCacheDirectory());

        Assert.Throws<FormatException>(() => cache.Load("md5:abc", edge.Components.Bytes("hello")));
        Assert.Equal(0, cache.CompileCount);
    }

    [Fact]
    public void Load_SameDigestTwice_CompilesOnce()
    {
        var cache = new ComponentCache(edge.Engine, NewCacheDirectory());
        var bytes = edge.Components.Bytes("hello");
        var digest = ComponentDigest.Compute(bytes);

        var first = cache.Load(digest, bytes);
        var second = cache.Load(digest, bytes);

        Assert.Same(first, second);
        Assert.Equal(1, cache.CompileCount);
        Assert.False(first.LoadedFromDiskCache);
    }

    [Fact]
    public void Load_NewCacheOnSameDirectory_DeserializesWithoutCompiling()
    {
        var directory = NewCacheDirectory();
        var bytes = edge.Components.Bytes("echo");
        var digest = ComponentDigest.Compute(bytes);
        new ComponentCache(edge.Engine, directory).Load(digest, bytes);

        var restarted = new ComponentCache(edge.Engine, directory);
        var loaded = restarted.Load(digest, bytes);
        var found = restarted.TryLoad(digest, out var again);

        Assert.True(loaded.LoadedFromDiskCache);
        Assert.Equal(0, restarted.CompileCount);
        Assert.True(found);
        Assert.Same(loaded, again);
        var response = edge.Executor.Execute(edge.Loader.Load("echo-cached", Assignment(digest), loaded),
            new EdgeRuntime.Execution.EdgeRequest("PUT", "/", [], [1, 2, 3]), "req-cached");
        Assert.Equal(new byte[] { 1, 2, 3 }, response.Body);
    }

    [Fact]
    public void TryLoad_UnknownDigest_ReturnsFalse()
    {
        var cache = new ComponentCache(edge.Engine, NewCacheDirectory());

        Assert.False(cache.TryLoad(ComponentDigest.Compute([1, 2, 3]), out _));
    }

    private static Contracts.Nodes.VersionAssignmentDto Assignment(string digest) =>
        new("1.0.0", digest, "component", 100, Contracts.Nodes.CapabilitiesDto.None, Contracts.Nodes.LimitsDto.Default);

    private string NewCacheDirectory() => Path.Combine(edge.DataDirectory, "cache-" + Guid.NewGuid().ToString("N"));
}
