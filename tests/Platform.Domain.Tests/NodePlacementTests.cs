using Platform.Domain.Nodes;

namespace Platform.Domain.Tests;

public sealed class NodePlacementTests
{
    private static readonly Dictionary<string, string> EdgeEu = new() { ["region"] = "eu-west", ["tier"] = "edge" };

    private static NodePlacement Requirement(string key, string op, params string[] values) =>
        new() { MatchExpressions = [new LabelRequirement { Key = key, Operator = op, Values = [.. values] }] };

    [Theory]
    [InlineData("", "", "", "", true)]
    [InlineData("region=eu-west,tier=edge", "", "", "", true)]
    [InlineData("region=eu-west,tier=core", "", "", "", false)]
    [InlineData("zone=a", "", "", "", false)]
    [InlineData("", "region", "In", "us-east,eu-west", true)]
    [InlineData("", "region", "In", "us-east", false)]
    [InlineData("", "region", "NotIn", "us-east", true)]
    [InlineData("", "zone", "NotIn", "a", true)]
    [InlineData("", "tier", "Exists", "", true)]
    [InlineData("", "zone", "Exists", "", false)]
    [InlineData("", "tier", "DoesNotExist", "", false)]
    [InlineData("", "region", "Near", "eu-west", false)]
    [InlineData("tier=edge", "region", "In", "us-east", false)]
    public void Selects_NodeLabels_EveryTermMustHold(string matchLabels, string key, string op, string values, bool expected)
    {
        var placement = key.Length == 0 ? new NodePlacement() : Requirement(key, op, values.Length == 0 ? [] : values.Split(','));
        foreach (var pair in matchLabels.Split(',', StringSplitOptions.RemoveEmptyEntries)) placement.MatchLabels[pair.Split('=')[0]] = pair.Split('=')[1];

        Assert.Equal(expected, placement.Selects(EdgeEu));
    }

    [Fact]
    public void Places_NoPlacement_EveryNodeWithItsRegionAsALabel()
    {
        var node = new Node { Name = "edge-1", Region = "eu-west", BaseUrl = "http://127.0.0.1:1", TokenHash = "x" };

        Assert.True(NodePlacement.Places(null, node));
        Assert.True(NodePlacement.Places(new NodePlacement { MatchLabels = new() { ["region"] = "eu-west" } }, node));
        Assert.False(NodePlacement.Places(new NodePlacement { MatchLabels = new() { ["region"] = "us-east" } }, node));
    }

    [Theory]
    [InlineData("", "", "", true)]
    [InlineData("tier", "In", "secure", false)]
    [InlineData("tier", "Exists", "", false)]
    [InlineData("tier", "NotIn", "public", false)]
    [InlineData("tier", "DoesNotExist", "", false)]
    [InlineData("region", "NotIn", "us-east", false)]
    public void Places_NodeWithOnlyItsClaim_SelectedOnlyByPlacementsOfEveryNode(string key, string op, string values, bool expected)
    {
        // A new node's own labels select nothing: an unvetted node is not "a node without tier=public" either.
        var node = new Node { Name = "edge-1", BaseUrl = "http://127.0.0.1:1", TokenHash = "x" };
        node.Claim("eu-west", new Dictionary<string, string> { ["tier"] = "secure" });
        var placement = key.Length == 0 ? new NodePlacement() : Requirement(key, op, values.Length == 0 ? [] : values.Split(','));

        Assert.Equal(expected, NodePlacement.Places(placement, node));
        Assert.True(NodePlacement.Places(null, node));
        Assert.Empty(node.RingLabels());
    }

    [Fact]
    public void AcceptClaim_ClaimBecomesTheNodesLabels_PlacementsSelectOnThem()
    {
        var node = new Node { Name = "edge-1", BaseUrl = "http://127.0.0.1:1", TokenHash = "x" };
        node.Claim("eu-west", new Dictionary<string, string> { ["tier"] = "secure" });

        Assert.True(node.AcceptClaim());

        Assert.Equal((true, false), (node.LabelsAccepted, node.HasClaim));
        Assert.True(NodePlacement.Places(Requirement("tier", LabelRequirement.In, "secure"), node));
        Assert.True(NodePlacement.Places(new NodePlacement { MatchLabels = new() { ["region"] = "eu-west" } }, node));
        Assert.True(NodePlacement.Places(Requirement("zone", LabelRequirement.DoesNotExist), node));
        Assert.False(node.AcceptClaim());
    }

    [Fact]
    public void SetLabels_PendingClaim_SettledByWhatTheAdminSet()
    {
        var node = new Node { Name = "edge-1", BaseUrl = "http://127.0.0.1:1", TokenHash = "x" };
        node.Claim("eu-west", new Dictionary<string, string> { ["tier"] = "secure" });

        node.SetLabels("us-east", new Dictionary<string, string> { ["tier"] = "edge" });

        Assert.Equal((false, null), (node.HasClaim, node.ClaimedRegion));
        Assert.Empty(node.ClaimedLabels);
        Assert.Equal(new Dictionary<string, string> { ["region"] = "us-east", ["tier"] = "edge" }, node.RingLabels());
        Assert.False(NodePlacement.Places(Requirement("tier", LabelRequirement.In, "secure"), node));
    }

    [Theory]
    [InlineData("region", "In", "", "matchExpressions[0].values")]
    [InlineData("region", "Exists", "x", "matchExpressions[0].values")]
    [InlineData("region", "Near", "x", "matchExpressions[0].operator")]
    [InlineData("", "Exists", "", "matchExpressions[0].key")]
    [InlineData("region", "In", "eu west", "matchExpressions[0].values")]
    public void Validate_BadRequirement_NamesTheField(string key, string op, string values, string field)
    {
        var errors = new ValidationErrors();

        PlacementRules.Validate(Requirement(key, op, values.Length == 0 ? [] : values.Split(',')), errors);

        Assert.Contains(field, errors.ToDictionary().Keys);
    }

    [Fact]
    public void Validate_GoodPlacement_NoErrors()
    {
        var errors = new ValidationErrors();
        var placement = Requirement("topology.example.com/zone", LabelRequirement.In, "eu-west-1a", "eu_west_1b");
        placement.MatchLabels["tier"] = "edge";

        PlacementRules.Validate(placement, errors);

        Assert.True(errors.IsValid);
    }
}
