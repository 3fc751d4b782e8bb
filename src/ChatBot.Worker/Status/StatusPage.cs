using System.Net;
using ChatBot.Worker.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace ChatBot.Worker.Status;

/// <summary>
/// <c>GET /</c> on the health listener: the status page (read-only, no script). Clients other than loopback get 404
/// unless <see cref="StatusPageOptions.AllowRemote"/>. The page forbids scripts, frames and every outside resource
/// (Content-Security-Policy) and is never cached.
/// </summary>
public sealed class StatusPage(StatusSnapshotReader reader, IOptions<StatusPageOptions> options)
{
    private const string Policy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public void Map(WebApplication app, Func<CancellationToken, Task<HealthReport>> health)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/", async (HttpContext context) =>
        {
            if (!options.Value.AllowRemote && !IsLoopback(context.Connection.RemoteIpAddress))
            {
                return Results.NotFound();
            }

            var snapshot = await reader.ReadAsync(await health(context.RequestAborted), context.RequestAborted);
            context.Response.Headers.ContentSecurityPolicy = Policy;
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers.CacheControl = "no-store";
            return Results.Content(StatusPageRenderer.Render(snapshot), "text/html; charset=utf-8");
        });
    }

    internal static bool IsLoopback(IPAddress? address) =>
        address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
}
