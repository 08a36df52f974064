namespace Platform.Application.Identity;

public static class NodeTokens
{
    public const string Prefix = "node";
}
