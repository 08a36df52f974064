using Platform.EdgeRuntime.Execution;

namespace Platform.EdgeNode.Routing;

/// <summary>The version a request goes to (null: none takes traffic or the pinned one is not served).</summary>
/// <param name="IssueCookie">
/// True when the version came from a weighted random pick while a canary runs (more than one
/// version with weight &gt; 0): the client gets a sticky cookie so it stays on that version.
/// </param>
public sealed record VersionChoice(LoadedVersion? Version, bool IssueCookie);
