using System.Text;

namespace Platform.Application.Sources;

/// <summary>What a finished git command left behind.</summary>
public sealed record GitResult(int ExitCode, byte[] Output, string Error)
{
    public string Text => Encoding.UTF8.GetString(Output);

    public GitResult EnsureSuccess(string what) =>
        ExitCode == 0 ? this : throw new GitException($"{what} failed (git exit {ExitCode}): {Error.Trim()}");
}
