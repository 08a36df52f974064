namespace Platform.Domain.Identity;

public enum TokenKind
{
    /// <summary>Issued at sign-in to the portal or CLI; short-lived.</summary>
    Session,
    /// <summary>Created by a person for automation; named, scoped, expiring.</summary>
    Personal,
}
