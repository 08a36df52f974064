namespace Platform.Portal.Account;

/// <summary>What the sign-in page posts to <c>/account/signin</c>.</summary>
public sealed record SignInForm(string? UserName, string? Password, string? ReturnUrl);
