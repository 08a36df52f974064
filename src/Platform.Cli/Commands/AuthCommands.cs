using System.CommandLine;
using System.Text;

namespace Platform.Cli.Commands;

/// <summary>login (password or an API token), logout, whoami.</summary>
internal static class AuthCommands
{
    public static void Add(RootCommand root, Func<ParseResult, CliContext> context)
    {
        var user = new Option<string?>("--user", "-u") { Description = "A local account's user name." };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input (for scripts)." };
        var token = new Option<string?>("--token") { Description = "Save this API token (e.g. a personal token for CI) instead of signing in." };
        var login = new Command("login", "Sign in and save the session (or a token) for later commands; the file is readable by you only.")
        {
            user, passwordStdin, token,
        };
        login.Handle(context, async (parse, cli, ct) =>
        {
            if (parse.GetValue(token) is { Length: > 0 } apiToken)
            {
                var me = await cli.Anonymous().WithToken(apiToken).MeAsync(ct);
                new Credentials(cli.ApiUrl, apiToken, me.UserName, null, IsSession: false).Save(cli.Environment.CredentialsPath);
                await cli.Output.WriteLineAsync($"Saved a token of {me.UserName} for {cli.ApiUrl}.");
                return 0;
            }
            var name = parse.GetValue(user) ?? throw new CliException("Say who signs in: --user NAME (or --token TOKEN).");
            var password = parse.GetValue(passwordStdin) ? (await cli.Environment.Input.ReadLineAsync(ct))?.TrimEnd('\r', '\n') : ReadHidden($"Password for {name}: ");
            if (string.IsNullOrEmpty(password)) throw new CliException("No password given.");
            var session = await cli.Anonymous().SignInAsync(name, password, ct);
            new Credentials(cli.ApiUrl, session.Token, session.User.UserName, session.ExpiresAt, IsSession: true).Save(cli.Environment.CredentialsPath);
            await cli.Output.WriteLineAsync($"Signed in to {cli.ApiUrl} as {session.User.UserName} until {session.ExpiresAt.ToLocalTime():yyyy-MM-dd HH:mm}.");
            return 0;
        });
        root.Add(login);

        var logout = new Command("logout", "Forget the saved sign-in (a session is also revoked at the API).");
        logout.Handle(context, async (_, cli, ct) =>
        {
            if (cli.Saved is { IsSession: true } saved)
            {
                try
                {
                    await cli.Anonymous().WithToken(saved.Token).SignOutAsync(ct);
                }
                catch (Client.PlatformApiException)
                {
                    // Already expired or revoked: forgetting it is all that is left to do.
                }
            }
            Credentials.Delete(cli.Environment.CredentialsPath);
            await cli.Output.WriteLineAsync("Signed out.");
            return 0;
        });
        root.Add(logout);

        var whoami = new Command("whoami", "Who the saved sign-in (or PLATFORM_TOKEN) is.");
        whoami.Handle(context, async (_, cli, ct) =>
        {
            var me = await cli.Client().MeAsync(ct);
            var teams = me.Teams.Count == 0 ? "no team" : $"teams {string.Join(", ", me.Teams)}";
            await cli.Output.WriteLineAsync($"{me.UserName} ({me.DisplayName}) · {teams}{(me.IsAdmin ? " · platform admin" : "")} · {cli.ApiUrl}");
            return 0;
        });
        root.Add(whoami);
    }

    /// <summary>Reads a password without echoing it; from a redirected stdin it reads a line.</summary>
    private static string? ReadHidden(string prompt)
    {
        if (Console.IsInputRedirected) return Console.ReadLine();
        Console.Error.Write(prompt);
        var password = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace && password.Length > 0) password.Length--;
            else if (!char.IsControl(key.KeyChar)) password.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return password.ToString();
    }
}
