namespace Platform.Domain.Nodes;

/// <summary>
/// Which nodes a service runs on: a node-label selector in the style of Kubernetes' (every entry of
/// <see cref="MatchLabels"/> equal, and every requirement of <see cref="MatchExpressions"/> met). A node's labels are the
/// ones a platform admin accepted or set, plus its region as <c>region</c> (<see cref="Node.RingLabels"/>). Empty selects
/// every node. A node whose labels no admin accepted yet is selected only by a placement that selects every node: not by
/// <c>NotIn</c> or <c>DoesNotExist</c>, which an empty label set would otherwise meet (see <see cref="Places"/>).
/// </summary>
public sealed class NodePlacement
{
    public Dictionary<string, string> MatchLabels { get; set; } = [];
    public List<LabelRequirement> MatchExpressions { get; set; } = [];

    /// <summary>True when nothing narrows the placement (the default: every node).</summary>
    public bool SelectsEveryNode => MatchLabels.Count == 0 && MatchExpressions.Count == 0;

    public bool Selects(IReadOnlyDictionary<string, string> labels) =>
        MatchLabels.All(m => labels.TryGetValue(m.Key, out var value) && value == m.Value)
        && MatchExpressions.All(e => e.IsMetBy(labels));

    /// <summary>
    /// Whether <paramref name="placement"/> (null: every node) selects <paramref name="node"/>: the one rule for what a node
    /// receives. A node without accepted labels gets only what every node gets.
    /// </summary>
    public static bool Places(NodePlacement? placement, Node node) =>
        placement is null || placement.SelectsEveryNode || (node.LabelsAccepted && placement.Selects(node.RingLabels()));
}
