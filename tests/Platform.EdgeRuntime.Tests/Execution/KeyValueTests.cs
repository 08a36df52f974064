using System.Text;
using Platform.Contracts.Nodes;
using Platform.EdgeRuntime.Execution;
using Platform.EdgeRuntime.Tests.Support;

namespace Platform.EdgeRuntime.Tests.Execution;

[Collection(EdgeCollection.Name)]
public sealed class KeyValueTests(EdgeFixture edge)
{
    private static readonly CapabilitiesDto DefaultStore = new([], ["default"], new Dictionary<string, string>());

    [Fact]
    public void Execute_CounterWithDeclaredStore_PersistsAcrossFreshInstances()
    {
        var counter = edge.Load("counter", DefaultStore, service: "counter-persist");

        var first = edge.Get(counter, "/");
        var second = edge.Get(counter, "/");

        Assert.Equal("1", Encoding.UTF8.GetString(first.Body));
        Assert.Equal("2", Encoding.UTF8.GetString(second.Body));
    }

    [Fact]
    public void Execute_CounterWithOtherStoreDeclared_Returns500WithRefusal()
    {
        var counter = edge.Load("counter", new CapabilitiesDto([], ["sessions"], new Dictionary<string, string>()), service: "counter-refused");

        var response = edge.Get(counter, "/");

        Assert.Equal(500, response.Status);
        Assert.Equal("key-value store 'default' is not declared in the manifest", Encoding.UTF8.GetString(response.Body));
    }

    [Fact]
    public void Load_KeyValueImportWithoutCapability_FailsNamingTheImport()
    {
        var error = Assert.Throws<VersionLoadException>(() => edge.Load("counter", CapabilitiesDto.None, service: "counter-ungranted"));

        Assert.Contains("platform:edge/key-value@0.3.0", error.Message);
    }
}
