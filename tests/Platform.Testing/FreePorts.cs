using System.Net;
using System.Net.Sockets;

namespace Platform.Testing;

/// <summary>
/// Ports for servers a test starts in another process. A port the kernel hands out for port 0 lies in the ephemeral range,
/// where any outgoing connection (to PostgreSQL, NATS, another node) may take it as its local port before the server binds
/// it; so ports are drawn below that range (10000–32767), checked free, and never handed out twice by this process.
/// </summary>
public static class FreePorts
{
    private const int First = 10_000, Last = 32_767;
    private static readonly HashSet<int> Given = [];

    public static int Next()
    {
        lock (Given)
        {
            for (var attempt = 0; attempt < 1_000; attempt++)
            {
                var port = Random.Shared.Next(First, Last + 1);
                if (Given.Contains(port) || !Bindable(port)) continue;
                Given.Add(port);
                return port;
            }
        }
        throw new InvalidOperationException($"No free port between {First} and {Last}.");
    }

    private static bool Bindable(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
