using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Platform.Application.Sources;

namespace Platform.Api.Features.Repositories;

/// <summary>
/// Serves one smart-HTTP request by running <c>git http-backend</c> as a CGI program: the request body is
/// streamed to its stdin while its stdout (CGI head, then the body) is streamed back. gzip request bodies
/// (sent by git clients for large fetch negotiations) are passed on as such; http-backend inflates them.
/// The process gets <see cref="GitOptions.RequestTimeout"/>, after which it is killed.
/// </summary>
public sealed class GitHttpBackend(GitProcess git, GitRepositories repositories, IOptions<GitOptions> options, ILogger<GitHttpBackend> logger)
{
    private const int MaxLoggedErrorChars = 4000;

    public async Task RunAsync(HttpContext http, GitRequest request, string remoteUser, CancellationToken ct)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = options.Value.MaxPushBytes;
        using var process = new Process { StartInfo = git.StartInfo(repositories.Root, ["http-backend"], Environment(http, request, remoteUser)) };
        process.Start();
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);

        // A fetch stops when its client goes away. A push does not: killing receive-pack while it updates refs
        // could leave lock files behind, so it runs to its end (within the time limit) whatever the client does.
        using var timeout = request.IsPush ? new CancellationTokenSource() : CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.RequestTimeout);
        try
        {
            var feeding = FeedAsync(http.Request.Body, process.StandardInput.BaseStream, timeout.Token);
            var stdout = process.StandardOutput.BaseStream;
            var (head, bodyStart) = await CgiResponseHead.ReadAsync(stdout, timeout.Token);
            http.Response.StatusCode = head.Status;
            foreach (var (name, value) in head.Headers) http.Response.Headers.Append(name, value);
            await RelayAsync(http, bodyStart, stdout, timeout.Token);
            await feeding;
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            GitProcess.Kill(process);
            logger.LogWarning("git http-backend for {Path} passed {Seconds} s and was stopped", request.PathInfo, options.Value.RequestTimeout.TotalSeconds);
            if (!http.Response.HasStarted) http.Response.StatusCode = StatusCodes.Status504GatewayTimeout;
            return;
        }
        catch
        {
            GitProcess.Kill(process);
            throw;
        }
        var stderr = await errors;
        if (process.ExitCode != 0 || stderr.Length > 0)
            logger.LogInformation("git http-backend {Path} exited {Code}: {Errors}", request.PathInfo, process.ExitCode,
                stderr.Length > MaxLoggedErrorChars ? stderr[..MaxLoggedErrorChars] : stderr);
    }

    private Dictionary<string, string> Environment(HttpContext http, GitRequest request, string remoteUser)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["GIT_PROJECT_ROOT"] = repositories.Root,
            ["GIT_HTTP_EXPORT_ALL"] = "1",
            ["PATH_INFO"] = request.PathInfo,
            ["REQUEST_METHOD"] = http.Request.Method,
            ["QUERY_STRING"] = request.QueryString,
            ["CONTENT_TYPE"] = http.Request.ContentType ?? "",
            ["REMOTE_USER"] = remoteUser,
            ["REMOTE_ADDR"] = http.Connection.RemoteIpAddress?.ToString() ?? "",
            ["GATEWAY_INTERFACE"] = "CGI/1.1",
            ["SERVER_PROTOCOL"] = http.Request.Protocol,
        };
        if (http.Request.ContentLength is { } length) environment["CONTENT_LENGTH"] = length.ToString(CultureInfo.InvariantCulture);
        var encoding = http.Request.Headers.ContentEncoding.ToString();
        if (encoding is "gzip" or "x-gzip") environment["HTTP_CONTENT_ENCODING"] = encoding;
        var protocol = http.Request.Headers["Git-Protocol"].ToString();
        if (protocol.Length > 0 && GitRequest.IsProtocolHeader(protocol)) environment["HTTP_GIT_PROTOCOL"] = protocol;
        return environment;
    }

    /// <summary>Copies the CGI body to the client; once the client is gone the rest is read and dropped, so git can finish.</summary>
    private static async Task RelayAsync(HttpContext http, ReadOnlyMemory<byte> start, Stream stdout, CancellationToken ct)
    {
        var clientGone = !await TryWriteAsync(http, start, ct);
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await stdout.ReadAsync(buffer, ct)) > 0)
        {
            if (!clientGone) clientGone = !await TryWriteAsync(http, buffer.AsMemory(0, read), ct);
        }
    }

    private static async Task<bool> TryWriteAsync(HttpContext http, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        try
        {
            await http.Response.Body.WriteAsync(data, ct);
            return true;
        }
        catch (Exception e) when (e is IOException || (e is OperationCanceledException && http.RequestAborted.IsCancellationRequested))
        {
            return false;
        }
    }

    private static async Task FeedAsync(Stream body, Stream stdin, CancellationToken ct)
    {
        try
        {
            await body.CopyToAsync(stdin, ct);
        }
        catch (Exception e) when (e is IOException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            // http-backend stopped reading (it answers with an error of its own), or the client went away
            // (closing stdin early makes git refuse the incomplete request).
        }
        finally
        {
            try { await stdin.DisposeAsync(); }
            catch (IOException) { /* the pipe is already closed */ }
        }
    }
}
