using ChatBot.Core.Http;
using Microsoft.AspNetCore.Builder;

namespace ChatBot.TestKit.Web;

/// <summary>A Kestrel server on http://127.0.0.1:&lt;free port&gt; for pages and feeds the tests define.</summary>
public sealed class LocalWebServer : IAsyncDisposable
{
    private readonly KestrelListener _listener;

    private LocalWebServer(KestrelListener listener)
    {
        _listener = listener;
        BaseUri = new Uri(listener.Urls[0].TrimEnd('/') + "/");
    }

    public Uri BaseUri { get; }

    public static async Task<LocalWebServer> StartAsync(Action<WebApplication> routes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(routes);
        return new LocalWebServer(await KestrelListener.StartAsync(["http://127.0.0.1:0"], maxRequestBodyBytes: null, routes, cancellationToken));
    }

    public Uri Url(string path) => new(BaseUri, path.TrimStart('/'));

    public async ValueTask DisposeAsync()
    {
        await _listener.StopAsync(CancellationToken.None);
        await _listener.DisposeAsync();
    }
}
