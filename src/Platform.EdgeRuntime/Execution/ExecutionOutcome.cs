namespace Platform.EdgeRuntime.Execution;

/// <summary>How a request to a component ended, independent of the HTTP status the component chose.</summary>
public enum ExecutionOutcome
{
    /// <summary>The handler returned a response (any status).</summary>
    Completed,

    /// <summary>The guest trapped (unreachable, out-of-bounds access, abort ...): 500.</summary>
    Trapped,

    /// <summary>The guest ran past its deadline and was interrupted: 504.</summary>
    DeadlineExceeded,

    /// <summary>The instance could not get the memory it needed within its limit: 500.</summary>
    MemoryExhausted,

    /// <summary>No instance slot was free on this node: 503.</summary>
    Overloaded,

    /// <summary>The component could not be instantiated or returned an invalid response: 500.</summary>
    Failed,
}
