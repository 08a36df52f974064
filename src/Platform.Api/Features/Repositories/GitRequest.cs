using System.Text.RegularExpressions;

namespace Platform.Api.Features.Repositories;

/// <summary>
/// The smart-HTTP requests a git client makes, and nothing else: ref advertisement, fetch and push.
/// Anything else (the dumb protocol, other files of the repository) is not served.
/// </summary>
public sealed partial record GitRequest(string PathInfo, string QueryString, bool IsPush)
{
    public const string UploadPack = "git-upload-pack";
    public const string ReceivePack = "git-receive-pack";

    /// <summary>Whether this request carries a push (the receive-pack POST), as opposed to its ref advertisement.</summary>
    public bool UpdatesRefs => IsPush && PathInfo.EndsWith("/" + ReceivePack, StringComparison.Ordinal);

    public static GitRequest? Parse(string method, string service, string? path, string? serviceQuery)
    {
        var prefix = $"/{service}.git/";
        return (method, path) switch
        {
            ("GET", "info/refs") when serviceQuery is UploadPack or ReceivePack =>
                new GitRequest(prefix + "info/refs", "service=" + serviceQuery, serviceQuery == ReceivePack),
            ("GET", "HEAD") => new GitRequest(prefix + "HEAD", "", false),
            ("POST", UploadPack) => new GitRequest(prefix + UploadPack, "", false),
            ("POST", ReceivePack) => new GitRequest(prefix + ReceivePack, "", true),
            _ => null,
        };
    }

    /// <summary>The Git-Protocol header is passed to git only when it looks like one ("version=2").</summary>
    public static bool IsProtocolHeader(string value) => ProtocolRegex().IsMatch(value);

    [GeneratedRegex("^[a-z0-9=:.-]{1,100}$", RegexOptions.CultureInvariant)]
    private static partial Regex ProtocolRegex();
}
