using System.CommandLine;

namespace Platform.Cli.Commands;

/// <summary>nodes, node-labels, node-accept.</summary>
internal static class NodeCommands
{
    public static void Add(RootCommand root, Func<ParseResult, CliContext> context)
    {
        var nodes = new Command("nodes", "The edge nodes: region, labels (and those claimed, awaiting an admin), whether they check in.");
        nodes.Handle(context, async (_, cli, ct) =>
        {
            var list = await cli.Client().NodesAsync(ct);
            TableWriter.Write(cli.Output, ["NAME", "REGION", "LABELS", "CLAIMED", "STATUS", "URL"], list.Select(n => (IReadOnlyList<string>)
            [
                n.Name, n.Region ?? "-", FormatLabels(n.Labels), FormatLabels(n.ClaimedLabels),
                n.Revoked ? "revoked" : n.Online ? "online" : "offline", n.BaseUrl,
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
            var target = await FindAsync(client, parse.GetValue(node)!, ct);
            var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in parse.GetValue(labels) ?? [])
            {
                var at = pair.IndexOf('=', StringComparison.Ordinal);
                if (at <= 0) throw new CliException($"'{pair}' is not a label: write key=value.");
                pairs[pair[..at]] = pair[(at + 1)..];
            }
            // A node whose claim no admin accepted has no region yet: its claimed one is not taken silently.
            var newRegion = parse.GetValue(region) ?? target.Region
                ?? throw new CliException($"{target.Name} has no accepted region yet: give --region (or accept its claim: platform node-accept {target.Name}).");
            var updated = await client.SetNodeLabelsAsync(target.Id, new(newRegion, pairs), ct);
            await cli.Output.WriteLineAsync($"{updated.Name}: region {updated.Region}, labels {FormatLabels(updated.Labels)}.");
            return 0;
        });
        root.Add(label);

        var acceptNode = new Argument<string>("node") { Description = "The node's name." };
        var accept = new Command("node-accept",
            "Platform admins: accept the region and labels a node claimed at its first enrolment (until then they select nothing).") { acceptNode };
        accept.Handle(context, async (parse, cli, ct) =>
        {
            var client = cli.Client();
            var target = await FindAsync(client, parse.GetValue(acceptNode)!, ct);
            var accepted = await client.AcceptNodeLabelsAsync(target.Id, ct);
            await cli.Output.WriteLineAsync($"{accepted.Name}: accepted region {accepted.Region}, labels {FormatLabels(accepted.Labels)}.");
            return 0;
        });
        root.Add(accept);
    }

    private static async Task<Contracts.Nodes.NodeDto> FindAsync(Client.PlatformClient client, string name, CancellationToken ct) =>
        (await client.NodesAsync(ct)).FirstOrDefault(n => n.Name == name) ?? throw new CliException($"There is no node '{name}'.");

    private static string FormatLabels(IReadOnlyDictionary<string, string>? labels) =>
        labels is { Count: > 0 } ? string.Join(",", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")) : "-";
}
