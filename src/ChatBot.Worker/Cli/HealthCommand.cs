using System.CommandLine;
using System.Net.Sockets;
using ChatBot.Worker.ConsolePlatform;
using ChatBot.Worker.Health;
using ChatBot.Worker.Hosting;
using Microsoft.Extensions.Configuration;

namespace ChatBot.Worker.Cli;

/// <summary>
/// `health [--url URL]`: asks a running bot's GET /health (Health:Urls, a wildcard host read as 127.0.0.1) and exits 0
/// when it answers 200, 1 otherwise. The Dockerfile's HEALTHCHECK runs it; it starts no host of its own.
/// </summary>
public static class HealthCommand
{
    public static Command Create(IReadOnlyList<string> configuration, ConsoleIo io, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(io);
        var url = new Option<string?>("--url") { Description = "The bot's health address (default: the first of Health:Urls)." };
        var health = new Command("health", "Check a running bot's health endpoint: exit 0 when healthy, 1 when not.") { url };
        health.SetAction(async (result, ct) =>
        {
            var configured = ChatBotHost.AddSources(new ConfigurationBuilder(), configuration, ChatBotHost.EnvironmentName).Build()
                .GetSection(HealthOptions.SectionName).Get<HealthOptions>() ?? new HealthOptions();
            var address = result.GetValue(url) ?? (configured.UrlList.Count > 0 ? configured.UrlList[0] : null);
            if (address is null || !Uri.TryCreate(address, UriKind.Absolute, out var baseUri))
            {
                await error.WriteLineAsync("Health:Urls is not set (e.g. --Health:Urls=http://127.0.0.1:8080), so there is no endpoint to check.");
                return CliApp.ExitUsage;
            }

            var target = Target(baseUri);
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            try
            {
                using var response = await client.GetAsync(target, ct);
                await io.Output.WriteLineAsync($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
                return response.IsSuccessStatusCode ? CliApp.ExitOk : CliApp.ExitFailed;
            }
            catch (Exception ex) when (ex is HttpRequestException or SocketException or TaskCanceledException)
            {
                await error.WriteLineAsync($"error: nothing healthy answers at {target} ({ex.Message})");
                return CliApp.ExitFailed;
            }
        });
        return health;
    }

    /// <summary>http://0.0.0.0:8080 (a listen address) → http://127.0.0.1:8080/health.</summary>
    public static Uri Target(Uri listen)
    {
        ArgumentNullException.ThrowIfNull(listen);
        var builder = new UriBuilder(listen) { Path = "/health" };
        if (listen.Host is "0.0.0.0" or "*" or "+" or "[::]" or "::")
        {
            builder.Host = "127.0.0.1";
        }

        return builder.Uri;
    }
}
