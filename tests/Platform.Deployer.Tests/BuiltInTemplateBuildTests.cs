using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Application.Builds;
using Platform.Application.Identity;
using Platform.Data;
using Platform.Domain;
using Platform.Domain.Builds;
using Platform.Domain.Manifests;
using Platform.Domain.Services;
using Platform.Domain.Templates;
using Platform.Domain.Topics;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.Deployer.Tests;

/// <summary>Every template under templates/ renders with its defaults, builds with its real toolchain and publishes.</summary>
[Collection(DeployerCollection.Name)]
public sealed class BuiltInTemplateBuildTests(DeployerFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly Actor Alice = new(null, "alice", false, new HashSet<Guid>(), ["read", "write"], "user:alice");

    public static TheoryData<string> BuiltInTemplates() => new(TemplateNames());

    private static IEnumerable<string> TemplateNames() =>
        Directory.EnumerateFiles(RepositoryPaths.Templates, "template.toml", SearchOption.AllDirectories)
            .Select(file => Path.GetFileName(Path.GetDirectoryName(file))!)
            .Order(StringComparer.Ordinal);

    public Task InitializeAsync() => fixture.Database.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void BuiltInTemplates_IncludeEveryGoldenPathKind()
    {
        Assert.Superset(new HashSet<string> { "http-json-c", "js-handler", "order-projection-c", "telemetry-ingest", "wagi-c" }, TemplateNames().ToHashSet());
    }

    [Theory]
    [MemberData(nameof(BuiltInTemplates))]
    public async Task Run_BuiltInTemplateWithDefaults_BuildsAndPublishesWhatItsManifestDeclares(string templateName)
    {
        var name = "tpl-" + templateName;
        var (service, buildId, template) = await ServiceFromTemplateAsync(templateName, name);

        var clock = Stopwatch.StartNew();
        await fixture.RunBuildAsync(buildId);
        output.WriteLine($"{templateName}: build job took {clock.Elapsed.TotalSeconds:F1} s");

        var build = await Query(db => db.Builds.SingleAsync(b => b.Id == buildId));
        Assert.True(build.Status == BuildStatus.Succeeded, build.Log);
        Assert.Contains($"Published {name} 0.1.0", build.Log);
        var version = await Query(db => db.ComponentVersions.SingleAsync(v => v.ServiceId == service.Id));
        Assert.Equal((template.Executor, template.Id, buildId), (version.Executor, version.TemplateVersionId, version.BuildId));
        if (template.Executor == "wagi")
        {
            Assert.Contains("_start", version.Exports);
        }
        else
        {
            Assert.Contains("platform:edge/handler@0.3.0", version.Exports);
            Assert.All(version.Imports, import => Assert.StartsWith("platform:edge/", import));
            var keyValue = version.Imports.Contains("platform:edge/key-value@0.3.0");
            Assert.Equal(version.KeyValueStores.Count > 0, keyValue);
            // With its defaults telemetry-ingest publishes nothing (its events topic is optional); the consumer consumes.
            Assert.Equal(version.PublishTopics.Count > 0, version.Imports.Contains("platform:edge/publisher@0.3.0"));
            Assert.Equal(version.Triggers.Count > 0, version.Exports.Contains("platform:edge/events@0.3.0"));
            string[] consumed = templateName == "order-projection-c" ? ["orders"] : [];
            Assert.Equal(consumed, version.Triggers.Select(t => t.Topic));
        }
    }

    private async Task<(Service Service, Guid BuildId, TemplateVersion Template)> ServiceFromTemplateAsync(string templateName, string name)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var template = await db.TemplateVersions.Include(v => v.Template).SingleAsync(v => v.Template!.Name == templateName);
        var team = await db.Teams.FirstAsync(t => t.Name == "payments");
        var errors = new ValidationErrors();
        var parameters = ParameterValidator.Validate(template.Parameters, new Dictionary<string, string?>(), [team.Name], errors);
        Assert.True(errors.IsValid, $"the defaults of {templateName} do not pass its own validation");
        var files = TemplateRenderer.Render(template.Files, new Dictionary<string, string>(parameters)
        {
            ["service_name"] = name, ["team"] = team.Name, ["route"] = "/" + name, ["description"] = $"Built from {templateName}",
        }).ToDictionary();

        // A version may only name topics that exist and that its team may use: the topics the defaults name, owned by the team.
        var manifest = ManifestParser.Parse(files[ServiceManifest.FileName]);
        foreach (var topic in manifest.Triggers.Select(t => t.Topic).Concat(manifest.PublishTopics).Distinct())
            db.Topics.Add(new Topic { Name = topic, OwnerTeamId = team.Id, CreatedBy = Alice.AuditName });

        var service = new Service { Name = name, Route = "/" + name, OwnerTeamId = team.Id, TemplateVersionId = template.Id, CreatedBy = Alice.AuditName };
        db.Services.Add(service);
        var revision = new SourceRevision { ServiceId = service.Id, Number = 1, Message = "create", Author = Alice.AuditName, Digest = SourceDigest.Of(files), Files = files };
        db.SourceRevisions.Add(revision);
        var build = await scope.ServiceProvider.GetRequiredService<BuildRequests>().QueueAsync(service, revision, template.Toolchain, Alice, default);
        await db.SaveChangesAsync();
        return (service, build.Id, template);
    }

    private async Task<T> Query<T>(Func<PlatformDbContext, Task<T>> query)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<PlatformDbContext>());
    }
}
