namespace Platform.Domain.Templates;

/// <summary>The toolchains the Deployer can build with, and the executor each produces.</summary>
public static class BuildToolchains
{
    public const string CComponent = "c-component";
    public const string CWagi = "c-wagi";
    public const string JsComponent = "js-component";

    public static IReadOnlyDictionary<string, string> Executors { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [CComponent] = Registry.Executors.Component,
        [CWagi] = Registry.Executors.Wagi,
        [JsComponent] = Registry.Executors.Component,
    };
}
