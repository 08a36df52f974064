namespace Platform.EdgeRuntime.Inspection;

/// <summary>One top-level import or export, e.g. ("platform:edge/log@0.1.0", Instance).</summary>
public sealed record ComponentItem(string Name, ComponentItemKind Kind)
{
    /// <summary>The name without its "@version" suffix, e.g. "platform:edge/log".</summary>
    public string UnversionedName => Name.Split('@', 2)[0];
}
