namespace Platform.Api.Infrastructure;

public static class PlatformClaims
{
    public const string Scheme = "PlatformToken";
    public const string UserId = "platform:user_id";
    public const string Team = "platform:team";
    public const string Scope = "platform:scope";
    public const string Admin = "platform:admin";
    public const string NodeId = "platform:node_id";
    public const string TokenName = "platform:token";
    public const string TokenKind = "platform:token_kind";

    public const string DeveloperPolicy = "developer";
    public const string WriterPolicy = "writer";
    public const string AdminPolicy = "admin";
    public const string NodePolicy = "node";
}
