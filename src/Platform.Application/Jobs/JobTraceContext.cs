using System.Diagnostics;
using Hangfire.Client;
using Hangfire.Server;

namespace Platform.Application.Jobs;

/// <summary>
/// Carries the W3C trace context from where a job is enqueued (an API request) into the job: the enqueuing activity's
/// <c>traceparent</c> and <c>tracestate</c> are stored as job parameters, and the Deployer runs the job inside an activity
/// of <see cref="Source"/> ("Platform.Jobs") whose parent they name, so a build or rollout is part of the trace of the
/// click that asked for it. A failed job marks its activity as an error with the exception's message.
/// </summary>
public sealed class JobTraceContext : IClientFilter, IServerFilter
{
    public static readonly ActivitySource Source = new("Platform.Jobs");

    private const string ParentParameter = "traceparent";
    private const string StateParameter = "tracestate";
    private const string ActivityItem = "platform.activity";

    public void OnCreating(CreatingContext context)
    {
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C } current)
        {
            context.SetJobParameter(ParentParameter, current.Id);
            if (current.TraceStateString is { Length: > 0 } state)
            {
                context.SetJobParameter(StateParameter, state);
            }
        }
    }

    public void OnCreated(CreatedContext context)
    {
    }

    public void OnPerforming(PerformingContext context)
    {
        var job = context.BackgroundJob.Job;
        var parent = context.GetJobParameter<string>(ParentParameter);
        var state = context.GetJobParameter<string>(StateParameter);
        var linked = ActivityContext.TryParse(parent, state, out var parentContext);
        var activity = Source.StartActivity($"job {job.Type.Name}.{job.Method.Name}", ActivityKind.Consumer, linked ? parentContext : default);
        if (activity is null)
        {
            return;
        }
        activity.SetTag("messaging.system", "hangfire");
        activity.SetTag("messaging.message.id", context.BackgroundJob.Id);
        if (job.Args.Count > 0 && job.Args[0] is Guid id)
        {
            activity.SetTag("platform.job.subject", id.ToString());
        }
        context.Items[ActivityItem] = activity;
    }

    public void OnPerformed(PerformedContext context)
    {
        if (!context.Items.TryGetValue(ActivityItem, out var item) || item is not Activity activity)
        {
            return;
        }
        if (context.Exception is { } failure && !context.ExceptionHandled)
        {
            activity.SetStatus(ActivityStatusCode.Error, failure.GetBaseException().Message);
        }
        activity.Dispose();
    }
}
