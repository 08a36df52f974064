namespace Platform.EdgeRuntime.Inspection;

/// <summary>The top-level imports and exports of a component binary, in binary order.</summary>
public sealed record ComponentInspection(IReadOnlyList<ComponentItem> Imports, IReadOnlyList<ComponentItem> Exports)
{
    public IEnumerable<string> ImportNames => Imports.Select(i => i.Name);

    public IEnumerable<string> ExportNames => Exports.Select(e => e.Name);

    public bool HasExport(string name) => Exports.Any(e => e.Name == name);
}
