namespace Platform.Application.Sources;

/// <summary>Who a commit names as its author.</summary>
public sealed record CommitAuthor(string Name, string Email);
