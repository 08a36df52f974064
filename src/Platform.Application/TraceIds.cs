using System.Diagnostics;

namespace Platform.Application;

/// <summary>The trace a record joins: what the platform stores so the portal can link a build, a rollout or an audit entry to its trace.</summary>
public static class TraceIds
{
    /// <summary>The W3C trace id (32 hex digits) of the current activity when it is recorded; null otherwise (nothing would be exported).</summary>
    public static string? Current() => Activity.Current is { Recorded: true } activity ? activity.TraceId.ToHexString() : null;
}
