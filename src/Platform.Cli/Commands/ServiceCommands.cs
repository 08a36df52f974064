using System.CommandLine;
using System.Globalization;

namespace Platform.Cli.Commands;

/// <summary>services, versions, publish.</summary>
internal static class ServiceCommands
{
    public static void Add(RootCommand root, Func<ParseResult, CliContext> context)
    {
        var services = new Command("services", "The services you can see, with what runs where and a URL to reach each.");
        services.Handle(context, async (_, cli, ct) =>
        {
            var list = await cli.Client().ServicesAsync(ct);
            // URL: the service's own origin on a node where it has one (its primary URL), else its path on a node's shared host.
            TableWriter.Write(cli.Output, ["NAME", "TEAM", "ROUTE", "STABLE", "CANARY", "URL"], list.Select(s => (IReadOnlyList<string>)
            [
                s.Name, s.Team, s.Route, s.Deployment?.StableVersion ?? "-",
                s.Deployment?.CanaryVersion is { } canary ? $"{canary} ({s.Deployment.CanaryWeight}%)" : "-",
                s.PrimaryUrls is [var primary, ..] ? primary : s.Urls is [var path, ..] ? path : "-",
            ]));
            return 0;
        });
        root.Add(services);

        var service = new Argument<string>("service") { Description = "The service's name." };
        var versions = new Command("versions", "A service's versions in the registry, newest first.") { service };
        versions.Handle(context, async (parse, cli, ct) =>
        {
            var list = await cli.Client().VersionsAsync(parse.GetValue(service)!, ct);
            TableWriter.Write(cli.Output, ["VERSION", "DIGEST", "EXECUTOR", "LIMITS", "PUBLISHED"], list.Select(v => (IReadOnlyList<string>)
            [
                v.Version, v.Digest.Replace("sha256:", "", StringComparison.Ordinal)[..12], v.Executor,
                $"{v.DeadlineMs}ms/{v.MemoryMb}MiB/x{v.MaxInstances}",
                $"{v.PublishedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} {v.PublishedBy}",
            ]));
            return 0;
        });
        root.Add(versions);

        var version = new Argument<string>("version") { Description = "The new version (semver), e.g. 1.2.0." };
        var component = new Option<FileInfo>("--component", "-c") { Description = "The .wasm file.", Required = true };
        var manifest = new Option<FileInfo?>("--manifest", "-m") { Description = "The manifest (platform.toml); without it the service's name is all it declares." };
        var publish = new Command("publish", "Publish a component as a new, immutable version of a service.") { service, version, component, manifest };
        publish.Handle(context, async (parse, cli, ct) =>
        {
            var wasm = parse.GetValue(component)!;
            if (!wasm.Exists) throw new CliException($"{wasm.FullName} does not exist.");
            var toml = parse.GetValue(manifest) is { } file
                ? file.Exists ? await File.ReadAllTextAsync(file.FullName, ct) : throw new CliException($"{file.FullName} does not exist.")
                : null;
            var published = await cli.Client().PublishVersionAsync(parse.GetValue(service)!, parse.GetValue(version)!,
                await File.ReadAllBytesAsync(wasm.FullName, ct), toml, ct);
            await cli.Output.WriteLineAsync($"Published {published.Service} {published.Version} ({published.Digest}, {published.Executor}).");
            return 0;
        });
        root.Add(publish);
    }
}
