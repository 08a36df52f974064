namespace Platform.Contracts.Identity;

public sealed record SignInRequest(string UserName, string Password);
