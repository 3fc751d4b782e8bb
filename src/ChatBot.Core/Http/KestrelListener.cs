using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatBot.Core.Http;

/// <summary>
/// One of the bot's own HTTP listeners (the health endpoint, Discord interactions and the Slack Events API over HTTP):
/// a slim Kestrel app on the configured URLs, its own logging off (the caller logs through its <c>XxxLog</c>), an
/// optional cap on request bodies, the routes the caller maps. Started once; stopped and disposed by its owner.
/// </summary>
public sealed class KestrelListener : IAsyncDisposable, IDisposable
{
    private readonly WebApplication _app;

    private KestrelListener(WebApplication app, IReadOnlyList<string> urls)
    {
        _app = app;
        Urls = urls;
        Addresses = [.. urls.Select(u => new Uri(u))];
    }

    /// <summary>The addresses actually bound, as Kestrel reports them (a configured port 0 shows the chosen port).</summary>
    public IReadOnlyList<string> Urls { get; }

    /// <inheritdoc cref="Urls"/>
    public IReadOnlyList<Uri> Addresses { get; }

    /// <summary>Splits a configured URL list ("http://127.0.0.1:8080;http://[::1]:8080").</summary>
    public static IReadOnlyList<string> SplitUrls(string? urls) =>
        (urls ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Builds the app on <paramref name="urls"/>, lets <paramref name="map"/> add the routes and starts listening.</summary>
    /// <param name="maxRequestBodyBytes">Larger request bodies are refused by Kestrel (413); null keeps Kestrel's default.</param>
    public static async Task<KestrelListener> StartAsync(
        IEnumerable<string> urls, long? maxRequestBodyBytes, Action<WebApplication> map, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(map);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls([.. urls]);
        if (maxRequestBodyBytes is { } max)
        {
            builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = max);
        }

        var app = builder.Build();
        try
        {
            map(app);
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        return new KestrelListener(app, bound);
    }

    public Task StopAsync(CancellationToken cancellationToken) => _app.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    public void Dispose() => ((IDisposable)_app).Dispose();
}
