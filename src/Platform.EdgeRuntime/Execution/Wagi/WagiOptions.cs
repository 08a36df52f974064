namespace Platform.EdgeRuntime.Execution.Wagi;

/// <summary>Node-wide settings of the WAGI executor (from <see cref="Hosting.EdgeEngineOptions"/>).</summary>
/// <param name="MaxOutputBytes">Largest CGI output a module may write to stdout.</param>
internal sealed record WagiOptions(int MaxOutputBytes);
