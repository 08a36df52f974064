namespace Platform.EdgeRuntime.Inspection;

/// <summary>What a top-level import or export of a component is (the component model's externdesc sorts).</summary>
public enum ComponentItemKind
{
    CoreModule,
    Function,
    Value,
    Type,
    Component,
    Instance,
}
