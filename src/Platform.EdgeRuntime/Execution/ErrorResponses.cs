using System.Text.Json;

namespace Platform.EdgeRuntime.Execution;

/// <summary>RFC 9457 problem details for failures the node answers on a component's behalf.</summary>
internal static class ErrorResponses
{
    public static EdgeResponse Create(int status, ExecutionOutcome outcome, string requestId, string error)
    {
        var title = outcome switch
        {
            ExecutionOutcome.DeadlineExceeded => "The service did not answer within its deadline.",
            ExecutionOutcome.Trapped => "The service failed while handling the request.",
            ExecutionOutcome.MemoryExhausted => "The service ran out of memory.",
            ExecutionOutcome.Overloaded => "The service is at capacity on this node; retry shortly.",
            _ => "The service could not handle the request.",
        };
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["type"] = "about:blank",
            ["title"] = title,
            ["status"] = status,
            ["requestId"] = requestId,
        });
        var headers = new List<KeyValuePair<string, string>>
        {
            new("content-type", "application/problem+json"),
            new("x-request-id", requestId),
        };
        if (outcome == ExecutionOutcome.Overloaded)
        {
            headers.Add(new("retry-after", "1"));
        }
        return new EdgeResponse(status, headers, body, outcome, requestId, error);
    }
}
