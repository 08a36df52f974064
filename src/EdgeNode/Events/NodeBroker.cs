using Microsoft.Extensions.Options;
using NATS.Client.Core;
using Platform.EdgeNode.Configuration;
using Platform.EdgeRuntime.Events;

namespace Platform.EdgeNode.Events;

/// <summary>
/// The node's connection to the platform's NATS JetStream, when <c>Nats:Url</c> is set: the event consumers use it, and the
/// publisher capability of components. Without a URL both are null and the node serves HTTP only.
/// </summary>
public sealed class NodeBroker : IAsyncDisposable
{
    public NodeBroker(IOptions<NatsOptions> options, IOptions<NodeOptions> node)
    {
        var nats = options.Value;
        if (string.IsNullOrWhiteSpace(nats.Url))
        {
            return;
        }
        Connection = new NatsConnection(NatsOpts.Default with
        {
            Url = nats.Url,
            Name = "platform-edge-" + node.Value.Name,
            AuthOpts = NatsAuthOpts.Default with { CredsFile = nats.CredsFile, Username = nats.User, Password = nats.Password, Token = nats.Token },
        });
        Publisher = new JetStreamEventPublisher(Connection);
    }

    public NatsConnection? Connection { get; }

    public IEventPublisher? Publisher { get; }

    public async ValueTask DisposeAsync()
    {
        if (Connection is not null)
        {
            await Connection.DisposeAsync();
        }
    }
}
