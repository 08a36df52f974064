using Platform.Domain.Deployments;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Application.Locking;
using Platform.Application.Deployments;
using Platform.Application.Identity;
using Platform.Application.Jobs;
using Platform.Application.Registry;
using Platform.Data;
using Platform.Domain;
using Platform.Domain.Manifests;

namespace Platform.Deployer.Builds;

/// <summary>
/// Builds a source revision with its template's toolchain and publishes the result. Safe to repeat: a
/// finished build is left alone, and an interrupted one starts again from a clean checkout. The version,
/// the build's outcome and the follow-up rollout are saved in one transaction.
/// </summary>
public sealed class RunBuildJob(
    PlatformDbContext db, NpgsqlDataSource dataSource, IServiceScopeFactory scopes, Toolchains toolchains, BuildSandbox sandbox, PublishVersion publisher,
    RolloutStarter rollouts, JobScheduler scheduler, IOptions<BuildOptions> options, TimeProvider clock, ILogger<RunBuildJob> logger) : IRunBuildJob
{
    private static readonly Actor Deployer = Actor.System("deployer");

    /// <summary>The first delivery plus the three retries of <see cref="IRunBuildJob"/>'s AutomaticRetry.</summary>
    public const int MaxAttempts = 4;

    private const string OneActiveRolloutIndex = "ix_rollouts_one_active_per_service";

    public async Task RunAsync(Guid buildId, CancellationToken cancellationToken)
    {
        await using var held = await AdvisoryLock.TryAcquireAsync(dataSource, $"build:{buildId}", cancellationToken);
        if (held is null) return; // another worker is on it
        var build = await db.Builds.FirstOrDefaultAsync(b => b.Id == buildId, cancellationToken);
        if (build is null || build.IsFinished) return;
        build.Start(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        try
        {
            await BuildAsync(build, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && build.Attempt >= MaxAttempts)
        {
            // The last delivery: record the failure instead of leaving the build running forever.
            logger.LogError(ex, "Build {BuildId} failed unexpectedly on its last attempt", buildId);
            db.ChangeTracker.Clear();
            var failed = await db.Builds.FirstAsync(b => b.Id == buildId, CancellationToken.None);
            failed.Log += $"The build failed unexpectedly on attempt {failed.Attempt}: {ex.Message}\n";
            failed.Fail($"Internal error after {failed.Attempt} attempts: {ex.Message}", clock.GetUtcNow());
            await db.SaveChangesAsync(CancellationToken.None);
        }
    }

    private async Task BuildAsync(Domain.Builds.Build build, CancellationToken cancellationToken)
    {
        var buildId = build.Id;
        var service = await db.Services.FirstAsync(s => s.Id == build.ServiceId, cancellationToken);
        var revision = await db.SourceRevisions.AsNoTracking().FirstAsync(r => r.Id == build.SourceRevisionId, cancellationToken);
        var work = Path.Combine(string.IsNullOrEmpty(options.Value.WorkRoot) ? Path.GetTempPath() : options.Value.WorkRoot, "platform-builds", $"{buildId:N}-{build.Attempt}");
        var (error, binary) = await CompileAsync(build, service, revision, work, cancellationToken);

        await db.Entry(build).ReloadAsync(cancellationToken); // the log writer changed the row
        Guid? rolloutId = null;
        if (error is null)
        {
            try
            {
                rolloutId = await PublishAsync(build, service, revision, binary!, cancellationToken);
            }
            catch (DomainException ex)
            {
                error = ex.Message;
                db.ChangeTracker.Clear();
                build = await db.Builds.FirstAsync(b => b.Id == buildId, cancellationToken);
                build.Log += $"Publishing was refused: {ex.Message}\n";
            }
        }
        if (error is not null) build.Fail(error, clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (rolloutId is not null && ex.InnerException is PostgresException { ConstraintName: OneActiveRolloutIndex })
        {
            // Someone started a rollout of this service between our check and our save: the build still
            // succeeded and its version is published; it just does not deploy itself.
            foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added && e.Entity is Rollout or RolloutEvent
                         or Domain.Audit.AuditEntry { Action: "rollout.start" }).ToList())
                entry.State = EntityState.Detached;
            build.Log += "Not deployed automatically: another rollout of this service started at the same moment.\n";
            rolloutId = null;
            await db.SaveChangesAsync(cancellationToken);
        }
        if (rolloutId is { } id) scheduler.RolloutRequested(id);
        logger.LogInformation("Build {BuildId} of {Service} {Version} finished: {Status}", buildId, service.Name, build.Version, build.Status);
    }

    /// <summary>Checks the revision out, runs the toolchain with its log streaming, and always removes the work folder.</summary>
    private async Task<(string? Error, byte[]? Binary)> CompileAsync(
        Domain.Builds.Build build, Domain.Services.Service service, Domain.Services.SourceRevision revision, string work, CancellationToken ct)
    {
        string? error = null;
        byte[]? binary = null;
        try
        {
            await using var log = new BuildLogWriter(scopes, build.Id, options.Value.MaxLogChars + BuildLogWriter.PlatformLinesAllowance);
            try
            {
                log.Line($"Building {service.Name} {build.Version} from source revision {revision.Number} ({revision.Digest}) with toolchain {build.Toolchain}.");
                Directory.CreateDirectory(Path.Combine(work, "out"));
                SourceCheckout.Write(Path.Combine(work, "src"), revision.Files);
                var command = toolchains.Command(build.Toolchain, BuildSandbox.BuildDir + "/src", BuildSandbox.BuildDir + "/out/service.wasm");
                using var lease = await sandbox.OpenAsync(work, ct);
                if (lease.Warning is not null) log.Line(lease.Warning);
                var outcome = await ProcessRunner.RunAsync(
                    lease.Command(command, BuildSandbox.BuildDir + "/src"), log.Line, options.Value.Timeout, options.Value.MaxLogChars, ct);
                if (outcome.StoppedBecause is not null) error = outcome.StoppedBecause;
                else if (outcome.ExitCode != 0) error = BuildExit.Describe(outcome.ExitCode);
                else binary = await File.ReadAllBytesAsync(Path.Combine(work, "out", "service.wasm"), ct);
            }
            catch (Exception ex) when (ex is DomainException or IOException)
            {
                error = ex.Message;
            }
            log.Line(error is null ? $"Built {binary!.Length} bytes." : $"Build failed: {error}");
        }
        finally
        {
            TryDelete(work);
        }
        return (error, binary);
    }

    private async Task<Guid?> PublishAsync(Domain.Builds.Build build, Domain.Services.Service service, Domain.Services.SourceRevision revision, byte[] binary, CancellationToken ct)
    {
        if (!revision.Files.TryGetValue(ServiceManifest.FileName, out var manifest))
            throw new DomainException($"The source has no {ServiceManifest.FileName}.");
        var version = await publisher.PublishAsync(
            new PublishRequest(service, build.Version, binary, manifest, revision.Digest, build.Id, service.TemplateVersionId), Deployer, ct);
        build.Log += $"Published {service.Name} {version.Version} ({version.Digest}).\n";
        build.Succeed(version.Id, clock.GetUtcNow());
        if (!build.DeployOnSuccess) return null;
        try
        {
            var rollout = await rollouts.StartAsync(service, version, RolloutStart.Default, Deployer, ct);
            build.Log += $"Rolling out {version.Version} (rollout {rollout.Id}, {rollout.StrategySource} strategy).\n";
            return rollout.Id;
        }
        catch (Exception ex) when (ex is Platform.Application.ConflictException or DomainException)
        {
            build.Log += $"Not deployed automatically: {ex.Message}\n";
            return null;
        }
    }

    private void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        }
        catch (IOException ex)
        {
            logger.LogWarning(ex, "Could not remove build folder {Path}", path);
        }
    }
}
