using System.Net;
using System.Text;
using ChatBot.Slack.Api;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.Slack.Api;

/// <summary>
/// The Slack API client lives as long as the platform (a singleton used by singletons), so it must not keep one
/// HttpClient for the life of the process: every call takes a client from IHttpClientFactory, whose handlers rotate.
/// </summary>
public sealed class SlackApiClientLifetimeTests
{
    [Fact]
    public async Task ApiClient_OneInstance_TakesAClientFromTheFactoryForEveryCall()
    {
        var factory = new CountingFactory();
        using var provider = Services(factory).BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var client = provider.GetRequiredService<SlackApiClient>();
        Assert.Same(client, provider.GetRequiredService<SlackApiClient>());
        await client.AuthTestAsync(CancellationToken.None);
        await client.AuthTestAsync(CancellationToken.None);

        Assert.Equal([SlackApiClient.HttpClientName, SlackApiClient.HttpClientName], factory.Names);
    }

    [Fact]
    public void ApiClient_RegisteredAsSingleton_NotAsATypedTransientClient()
    {
        var services = Services(new CountingFactory());

        var descriptor = Assert.Single(services, d => d.ServiceType == typeof(SlackApiClient));
        Assert.Equal(ServiceLifetime.Singleton, descriptor.Lifetime);
    }

    private static ServiceCollection Services(IHttpClientFactory factory)
    {
        var services = SlackServiceCollectionExtensionsTests.Services(new()
        {
            ["Slack:BotToken"] = "xoxb-1",
            ["Slack:AppToken"] = "xapp-1",
            ["Slack:ApiBaseUrl"] = "http://127.0.0.1:9/api/",
        });
        services.AddSingleton(factory);
        return services;
    }

    private sealed class CountingFactory : IHttpClientFactory
    {
        public List<string> Names { get; } = [];

        public HttpClient CreateClient(string name)
        {
            lock (Names)
            {
                Names.Add(name);
            }

            return new HttpClient(new OkHandler(), disposeHandler: true);
        }
    }

    private sealed class OkHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent("""{"ok":true,"user_id":"U1","bot_id":"B1","team_id":"T1"}""", Encoding.UTF8, "application/json"),
            });
    }
}
