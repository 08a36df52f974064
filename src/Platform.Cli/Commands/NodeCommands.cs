using System.CommandLine;

namespace Platform.Cli.Commands;

/// <summary>nodes, node-labels.</summary>
internal static class NodeCommands
{
    public static void Add(RootCommand root, Func<ParseResult, CliContext> context)
    {
        var nodes = new Command("nodes", "The edge nodes: region, labels, whether they check in.");
        nodes.Handle(context, async (_, cli, ct) =>
        {
            var list = await cli.Client().NodesAsync(ct);
            TableWriter.Write(cli.Output, ["NAME", "REGION", "LABELS", "STATUS", "URL"], list.Select(n => (IReadOnlyList<string>)
            [
                n.Name, n.Region, FormatLabels(n.Labels), n.Revoked ? "revoked" : n.Online ? "online" : "offline", n.BaseUrl,
            ]));
            return 0;
        });
        root.Add(nodes);

        var node = new Argument<string>("node") { Description = "The node's name." };
        var region = new Option<string?>("--region") { Description = "The node's region (default: the one it has)." };
        var labels = new Argument<string[]>("labels") { Description = "key=value pairs: the node's labels from now on (others are removed).", Arity = ArgumentArity.ZeroOrMore };
        var label = new Command("node-labels", "Platform admins: set a node's region and labels, which services' placements select on.") { node, region, labels };
        label.Handle(context, async (parse, cli, ct) =>
        {
            var client = cli.Client();
            var name = parse.GetValue(node)!;
            var target = (await client.NodesAsync(ct)).FirstOrDefault(n => n.Name == name) ?? throw new CliException($"There is no node '{name}'.");
            var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in parse.GetValue(labels) ?? [])
            {
                var at = pair.IndexOf('=', StringComparison.Ordinal);
                if (at <= 0) throw new CliException($"'{pair}' is not a label: write key=value.");
                pairs[pair[..at]] = pair[(at + 1)..];
            }
            var updated = await client.SetNodeLabelsAsync(target.Id, new(parse.GetValue(region) ?? target.Region, pairs), ct);
            await cli.Output.WriteLineAsync($"{updated.Name}: region {updated.Region}, labels {FormatLabels(updated.Labels)}.");
            return 0;
        });
        root.Add(label);
    }

    private static string FormatLabels(IReadOnlyDictionary<string, string>? labels) =>
        labels is { Count: > 0 } ? string.Join(",", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")) : "-";
}
