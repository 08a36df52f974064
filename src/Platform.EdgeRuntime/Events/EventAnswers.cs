using Platform.EdgeRuntime.Execution;

namespace Platform.EdgeRuntime.Events;

/// <summary>
/// An event run ends as a request run does (<see cref="EdgeResponse"/>): 200 when the handler returned ok, else the status and
/// outcome of its failure (500 with the handler's error, 504 at the deadline, …). The metrics, the canary analysis and the
/// scheduler read both alike.
/// </summary>
internal static class EventAnswers
{
    public static EdgeResponse Handled(string requestId) => new(200, [], [], ExecutionOutcome.Completed, requestId);
}
