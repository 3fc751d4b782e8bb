using ChatBot.Core.Retrieval;
using ChatBot.Worker.ConsolePlatform;
using ChatBot.Worker.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Worker.Cli;

/// <summary>
/// Builds, checks and starts the host for the command line. Configuration is checked before anything starts, so a bad
/// value prints one line per problem, creates nothing and exits 3. Verbs log only errors unless -v (then Debug).
/// </summary>
public static class CliHost
{
    /// <summary>Starts the host without chat platforms (schema, index, seeds), runs the verb, stops the host.</summary>
    public static async Task<int> WithRetrievalAsync(
        IReadOnlyList<string> configuration,
        ConsoleIo io,
        TextWriter error,
        bool verbose,
        Func<IServiceProvider, IRetrievalService, Task<int>> verb,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(verb);
        using var host = BuildOrReport(configuration, runPlatforms: false, io, error, verbose ? LogLevel.Debug : LogLevel.Error);
        if (host is null || !await StartOrReportAsync(host, error, cancellationToken))
        {
            return CliApp.ExitConfiguration;
        }

        try
        {
            return await verb(host.Services, host.Services.GetRequiredService<IRetrievalService>());
        }
        catch (IngestionException ex)
        {
            await error.WriteLineAsync("error: " + ex.Message);
            return CliApp.ExitFailed;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>The long-running bot: the chat platforms that have tokens, or the console prompt.</summary>
    public static async Task<int> RunBotAsync(IReadOnlyList<string> configuration, ConsoleIo io, TextWriter error, bool verbose, CancellationToken cancellationToken)
    {
        using var host = BuildOrReport(configuration, runPlatforms: true, io, error, verbose ? LogLevel.Debug : LogLevel.Information);
        if (host is null || !await StartOrReportAsync(host, error, cancellationToken))
        {
            return CliApp.ExitConfiguration;
        }

        await host.WaitForShutdownAsync(cancellationToken);
        return CliApp.ExitOk;
    }

    private static IHost? BuildOrReport(IReadOnlyList<string> configuration, bool runPlatforms, ConsoleIo io, TextWriter error, LogLevel level)
    {
        try
        {
            return ChatBotHost.Build(configuration, runPlatforms, io, level);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or IOException)
        {
            error.WriteLine("Configuration error: " + ex.Message);
            return null;
        }
    }

    private static async Task<bool> StartOrReportAsync(IHost host, TextWriter error, CancellationToken cancellationToken)
    {
        var configuration = host.Services.GetRequiredService<IConfiguration>();
        foreach (var warning in ConfigurationCheck.UnknownKeys(configuration))
        {
            await error.WriteLineAsync("warning: " + warning);
        }

        var problems = ConfigurationCheck.Problems(host.Services, configuration);
        foreach (var problem in problems)
        {
            await error.WriteLineAsync("Configuration error: " + problem);
        }

        if (problems.Count > 0)
        {
            return false;
        }

        try
        {
            await host.StartAsync(cancellationToken);
            return true;
        }
        catch (OptionsValidationException ex)
        {
            foreach (var failure in ex.Failures)
            {
                await error.WriteLineAsync("Configuration error: " + failure);
            }

            return false;
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            await error.WriteLineAsync("Start-up failed: " + ex.Message);
            return false;
        }
    }
}
