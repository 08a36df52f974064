using System.Collections;

namespace Platform.EdgeRuntime.Execution;

/// <summary>The log scope of one request (service, version, request id) without a dictionary per request.</summary>
internal sealed class RequestLogScope(string service, string version, string requestId) : IReadOnlyList<KeyValuePair<string, object>>
{
    public int Count => 3;

    public KeyValuePair<string, object> this[int index] => index switch
    {
        0 => new("Service", service),
        1 => new("Version", version),
        2 => new("RequestId", requestId),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"Service:{service} Version:{version} RequestId:{requestId}";
}
