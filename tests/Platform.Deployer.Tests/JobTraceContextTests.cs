using System.Diagnostics;
using Hangfire;
using Hangfire.Client;
using Hangfire.Common;
using Hangfire.Server;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using Platform.Application.Jobs;

namespace Platform.Deployer.Tests;

/// <summary>
/// A job carries the trace of the request that enqueued it: stored as job parameters in PostgreSQL by the client
/// filter, and the Deployer's run of the job is an activity whose parent is that request's.
/// </summary>
[Collection(DeployerCollection.Name)]
public sealed class JobTraceContextTests : IDisposable
{
    private readonly DeployerFixture _fixture;
    private static readonly ActivitySource Request = new("Platform.Tests.Request");
    private readonly List<Activity> _stopped = [];
    private readonly ActivityListener _listener;

    public JobTraceContextTests(DeployerFixture fixture)
    {
        _fixture = fixture;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Platform.Jobs" or "Platform.Tests.Request",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (_stopped) _stopped.Add(activity); },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [Fact]
    public void Perform_JobEnqueuedInsideARequestTrace_RunsAsAChildOfThatRequest()
    {
        var storage = _fixture.Services.GetRequiredService<JobStorage>();
        var filter = new JobTraceContext();
        var client = new BackgroundJobClient(storage, new BackgroundJobFactory(new JobFilterCollection { filter }), new BackgroundJobStateChanger());
        string jobId;
        ActivityContext request;
        using (var activity = Request.StartActivity("POST /api/v1/services/{name}/builds")!)
        {
            activity.TraceStateString = "platform=1";
            request = activity.Context;
            jobId = client.Create<IRunBuildJob>(job => job.RunAsync(Guid.NewGuid(), CancellationToken.None), new ScheduledState(TimeSpan.FromDays(1)));
        }

        using var connection = storage.GetConnection();
        var data = connection.GetJobData(jobId);
        var perform = new PerformContext(storage, connection, new BackgroundJob(jobId, data.Job, data.CreatedAt), new JobCancellationToken(false));
        filter.OnPerforming(new PerformingContext(perform));
        var current = Activity.Current;
        filter.OnPerformed(new PerformedContext(perform, null, false, new InvalidOperationException("the build failed")));

        Assert.NotNull(current);
        Assert.Equal("Platform.Jobs", current.Source.Name);
        Assert.Equal(request.TraceId, current.TraceId);
        Assert.Equal(request.SpanId, current.ParentSpanId);
        Assert.Equal("platform=1", current.TraceStateString);
        Assert.Equal(ActivityKind.Consumer, current.Kind);
        Assert.Equal("job IRunBuildJob.RunAsync", current.DisplayName);
        Assert.Equal(ActivityStatusCode.Error, current.Status);
        Assert.Equal("the build failed", current.StatusDescription);
        Assert.Null(Activity.Current);
    }

    [Fact]
    public void Perform_JobEnqueuedOutsideAnyTrace_RunsAsARootActivity()
    {
        var storage = _fixture.Services.GetRequiredService<JobStorage>();
        var filter = new JobTraceContext();
        var client = new BackgroundJobClient(storage, new BackgroundJobFactory(new JobFilterCollection { filter }), new BackgroundJobStateChanger());
        var jobId = client.Create<IRunRolloutJob>(job => job.RunAsync(Guid.NewGuid(), CancellationToken.None), new ScheduledState(TimeSpan.FromDays(1)));

        using var connection = storage.GetConnection();
        var data = connection.GetJobData(jobId);
        var perform = new PerformContext(storage, connection, new BackgroundJob(jobId, data.Job, data.CreatedAt), new JobCancellationToken(false));
        filter.OnPerforming(new PerformingContext(perform));
        var current = Activity.Current;
        filter.OnPerformed(new PerformedContext(perform, null, false, null));

        Assert.NotNull(current);
        Assert.Equal(default, current.ParentSpanId);
        Assert.Equal(ActivityStatusCode.Unset, current.Status);
    }

    public void Dispose() => _listener.Dispose();
}
