using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Platform.Testing;

/// <summary>A tiny HTTP server on 127.0.0.1 that answers "hello" (or the body it was given) to every request and counts the connections it accepted.</summary>
public sealed class LoopbackServer : IDisposable
{
    private readonly byte[] _answer;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _accepted;

    public LoopbackServer(byte[]? body = null)
    {
        body ??= "hello"u8.ToArray();
        _answer = [.. Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"), .. body];
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>The head (request line and headers) of every request answered, in order.</summary>
    public IReadOnlyList<string> Heads
    {
        get
        {
            lock (_heads) return [.. _heads];
        }
    }

    private readonly List<string> _heads = [];

    /// <summary>The body of every request answered (its Content-Length bytes after the head, the request read up to 64 KiB), in order.</summary>
    public IReadOnlyList<byte[]> Bodies
    {
        get
        {
            lock (_heads) return [.. _bodies];
        }
    }

    private readonly List<byte[]> _bodies = [];

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            Interlocked.Increment(ref _accepted);
            using (client)
            {
                var stream = client.GetStream();
                var buffer = new byte[64 * 1024];
                var read = 0;
                int end;
                // Read the request head and its Content-Length bytes of body, then answer and close.
                while ((end = buffer.AsSpan(0, read).IndexOf("\r\n\r\n"u8)) < 0 && read < buffer.Length)
                {
                    var n = await stream.ReadAsync(buffer.AsMemory(read), _stop.Token);
                    if (n == 0) break;
                    read += n;
                }
                var head = Encoding.ASCII.GetString(buffer, 0, end < 0 ? read : end + 4);
                var length = head.Split("\r\n").Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("content-length", StringComparison.OrdinalIgnoreCase))
                    .Select(p => int.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
                var bodyStart = end < 0 ? read : end + 4;
                while (read - bodyStart < length && read < buffer.Length)
                {
                    var n = await stream.ReadAsync(buffer.AsMemory(read), _stop.Token);
                    if (n == 0) break;
                    read += n;
                }
                lock (_heads)
                {
                    _heads.Add(head);
                    _bodies.Add(buffer[bodyStart..Math.Min(read, bodyStart + length)]);
                }
                await stream.WriteAsync(_answer, _stop.Token);
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _loop.Wait(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }
}
