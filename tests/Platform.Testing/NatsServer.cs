using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Xunit;

namespace Platform.Testing;

/// <summary>
/// A real nats-server with JetStream (the machine's, installed by scripts/setup.sh), started for a test run on a free loopback
/// port with its store in a temporary folder, killed and removed at the end. <see cref="ResetAsync"/> deletes every stream
/// between tests. <see cref="StopAsync"/>/<see cref="StartAsync"/> take it away and bring it back on the same port.
/// </summary>
public sealed class NatsServer : IAsyncLifetime
{
    private readonly string _store = Directory.CreateTempSubdirectory("platform-nats-").FullName;
    private Process? _process;
    private NatsConnection? _client;

    public int Port { get; } = FreePorts.Next();
    public string Url => $"nats://127.0.0.1:{Port}";

    /// <summary>A client of the tests' own, to read back what the platform wrote.</summary>
    public NatsJSContext JetStream => new(_client ??= new NatsConnection(new NatsOpts { Url = Url, Name = "platform-tests" }));

    public Task InitializeAsync() => StartAsync();

    public async Task StartAsync()
    {
        var executable = File.Exists("/usr/sbin/nats-server") ? "/usr/sbin/nats-server" : "nats-server";
        var start = new ProcessStartInfo(executable, ["-a", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-js", "-sd", _store])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        try
        {
            _process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("nats-server is not installed: run scripts/setup.sh (Debian package nats-server).", e);
        }
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var process = _process;
        await Poll.UntilAsync(() => process.HasExited
                ? throw new InvalidOperationException($"nats-server exited with {process.ExitCode} on port {Port}.")
                : Accepts(),
            TimeSpan.FromSeconds(15), $"nats-server listening on {Port}");
    }

    public async Task StopAsync()
    {
        if (_process is null) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    /// <summary>Deletes every stream (the topics of the previous test).</summary>
    public async Task ResetAsync()
    {
        var js = JetStream;
        var names = new List<string>();
        await foreach (var name in js.ListStreamNamesAsync()) names.Add(name);
        foreach (var name in names) await js.DeleteStreamAsync(name);
    }

    public async Task DisposeAsync()
    {
        if (_client is not null) await _client.DisposeAsync();
        await StopAsync();
        Directory.Delete(_store, recursive: true);
    }

    private bool Accepts()
    {
        using var socket = new TcpClient();
        try
        {
            socket.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

}
