namespace Platform.EdgeRuntime.Execution.Wagi;

/// <summary>Node-wide settings of the WAGI executor (from <see cref="Hosting.EdgeEngineOptions"/>).</summary>
/// <param name="MaxOutputBytes">Largest CGI output a module may write to stdout.</param>
/// <param name="StdinDirectory">Where request bodies are written for stdin, one file per request.</param>
internal sealed record WagiOptions(int MaxOutputBytes, string StdinDirectory);
