namespace Platform.Contracts.Nodes;

/// <summary>
/// The newest schema of a topic that a version placed on the node may publish to: the node checks every event a component
/// publishes there against it (an event that does not match is refused to the component and never stored).
/// </summary>
/// <param name="Schema">The JSON Schema as its owner added it (JSON text).</param>
public sealed record TopicSchemaAssignmentDto(string Topic, int Version, string Schema);
