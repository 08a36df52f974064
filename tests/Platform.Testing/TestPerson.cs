namespace Platform.Testing;

/// <summary>Someone the test identity provider signs in: the claims it puts in their ID token.</summary>
public sealed record TestPerson(string Subject, string UserName, string Name, string Email, IReadOnlyList<string> Groups);
