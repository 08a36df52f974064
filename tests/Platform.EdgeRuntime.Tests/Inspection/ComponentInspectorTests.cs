using Platform.EdgeRuntime.Inspection;
using Platform.EdgeRuntime.Tests.Support;

namespace Platform.EdgeRuntime.Tests.Inspection;

[Collection(EdgeCollection.Name)]
public sealed class ComponentInspectorTests(EdgeFixture edge)
{
    [Fact]
    public void Inspect_Hello_ImportsLogAndTypesAndExportsHandler()
    {
        var inspection = ComponentInspector.Inspect(edge.Components.Bytes("hello"));

        Assert.Equal(
            [new ComponentItem(PlatformWorld.Log, ComponentItemKind.Instance), new ComponentItem(PlatformWorld.Types, ComponentItemKind.Instance)],
            inspection.Imports.OrderBy(i => i.Name, StringComparer.Ordinal));
        Assert.Equal([new ComponentItem(PlatformWorld.Handler, ComponentItemKind.Instance)], inspection.Exports);
    }

    [Fact]
    public void Inspect_Counter_ImportsKeyValue()
    {
        var inspection = ComponentInspector.Inspect(edge.Components.Bytes("counter"));

        Assert.Equal([PlatformWorld.KeyValue, PlatformWorld.Types], inspection.ImportNames.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Inspect_CoreModule_ThrowsWithReason()
    {
        byte[] coreModule = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00];

        var error = Assert.Throws<InvalidDataException>(() => ComponentInspector.Inspect(coreModule));

        Assert.Contains("core WebAssembly module", error.Message);
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0x7F, 0x45, 0x4C, 0x46 })]
    [InlineData(new byte[] { 0x00, 0x61, 0x73, 0x6D, 0x0d, 0x00, 0x01, 0x00, 0x0a, 0xFF })]
    public void Inspect_Garbage_ThrowsInvalidData(byte[] bytes)
    {
        Assert.Throws<InvalidDataException>(() => ComponentInspector.Inspect(bytes));
    }
}
