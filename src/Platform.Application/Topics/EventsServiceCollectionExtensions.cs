using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NATS.Client.Core;
using NATS.Client.Hosting;
using Platform.EdgeRuntime.Events;

namespace Platform.Application.Topics;

public static class EventsServiceCollectionExtensions
{
    /// <summary>The NATS connection (options from <see cref="NatsOptions"/>) and the topic services of the hosts that work on topics.</summary>
    public static IServiceCollection AddPlatformEvents(this IServiceCollection services, IConfiguration configuration, string clientName)
    {
        var nats = configuration.GetSection(NatsOptions.Section).Get<NatsOptions>() ?? new NatsOptions();
        services.Configure<TopicOptions>(configuration.GetSection(TopicOptions.Section));
        services.AddNats(configureOpts: opts => opts with
        {
            Url = nats.Url,
            Name = clientName,
            AuthOpts = NatsAuthOpts.Default with
            {
                CredsFile = nats.CredsFile,
                Username = nats.User,
                Password = nats.Password,
                Token = nats.Token,
            },
        });
        services.AddSingleton<TopicStreams>();
        services.AddSingleton<ConsumerStreams>();
        services.AddSingleton<EventSchemas>();
        return services;
    }
}
