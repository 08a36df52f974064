namespace Platform.EdgeRuntime.Execution;

/// <summary>The executors a node runs, as named by <c>VersionAssignmentDto.Executor</c>.</summary>
public static class ExecutorNames
{
    /// <summary>A component of the platform:edge world: handler.handle(request) -> response.</summary>
    public const string Component = "component";

    /// <summary>A WASI preview 1 command in the CGI style of WAGI: environment + stdin in, CGI output out.</summary>
    public const string Wagi = "wagi";

    public static bool IsWagi(string executor) => string.Equals(executor, Wagi, StringComparison.OrdinalIgnoreCase);

    public static bool IsComponent(string executor) => string.Equals(executor, Component, StringComparison.OrdinalIgnoreCase);

    /// <summary>Throws <see cref="VersionLoadException"/> for an executor this node does not run.</summary>
    public static void RequireKnown(string executor)
    {
        if (!IsWagi(executor) && !IsComponent(executor))
        {
            throw new VersionLoadException($"Executor '{executor}' is not supported by this node; it runs '{Component}' and '{Wagi}' versions.");
        }
    }
}
