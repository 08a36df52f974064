namespace Platform.Application.Sources;

/// <summary>A text file of a commit's tree as the platform reads it.</summary>
public sealed record GitTreeFile(string Content, string Mode);
