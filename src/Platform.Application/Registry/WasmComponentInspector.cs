using Platform.Domain;
using Platform.Domain.Registry;
using Platform.EdgeRuntime.Inspection;
using Wasmtime;

namespace Platform.Application.Registry;

/// <summary>
/// Reads a binary's imports and exports and compiles it with the same Wasmtime the edge runs, so the
/// registry never accepts what a node could not load.
/// </summary>
public sealed class WasmComponentInspector : IComponentInspector, IDisposable
{
    private readonly Engine _engine = new(new Config().WithComponentModel(true));

    public Registry.ComponentInspection Inspect(ReadOnlyMemory<byte> binary, string executor) =>
        executor == Executors.Wagi ? InspectModule(binary) : InspectComponent(binary);

    private Registry.ComponentInspection InspectComponent(ReadOnlyMemory<byte> binary)
    {
        EdgeRuntime.Inspection.ComponentInspection inspection;
        try
        {
            inspection = ComponentInspector.Inspect(binary.Span);
        }
        catch (Exception ex) when (ex is InvalidDataException or OverflowException or ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            throw new DomainException($"The file is not a WebAssembly component: {ex.Message}", "component");
        }
        Compile(() => Wasmtime.Components.Component.FromBytes(_engine, binary.Span).Dispose());
        return new Registry.ComponentInspection(inspection.ImportNames.ToList(), inspection.ExportNames.ToList());
    }

    private Registry.ComponentInspection InspectModule(ReadOnlyMemory<byte> binary)
    {
        Registry.ComponentInspection? result = null;
        Compile(() =>
        {
            using var module = Module.FromBytes(_engine, "service", binary.Span);
            result = new Registry.ComponentInspection(
                module.Imports.Select(i => $"{i.ModuleName}/{i.Name}").ToList(),
                module.Exports.Select(e => e.Name).ToList());
        });
        return result!;
    }

    private static void Compile(Action compile)
    {
        try
        {
            compile();
        }
        catch (WasmtimeException ex)
        {
            throw new DomainException($"The edge runtime cannot compile this binary: {ex.Message}", "component");
        }
    }

    public void Dispose() => _engine.Dispose();
}
