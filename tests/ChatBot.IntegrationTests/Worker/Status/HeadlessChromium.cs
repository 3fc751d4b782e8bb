using System.Diagnostics;

namespace ChatBot.IntegrationTests.Worker.Status;

/// <summary>
/// The distribution's Chromium (Debian package <c>chromium</c>; .ci/run installs it) run headless with its own
/// throwaway profile: <see cref="DumpDomAsync"/> loads a page and returns the DOM as the browser built it,
/// <see cref="ScreenshotAsync"/> saves a PNG of it. As root the sandbox must be off.
/// </summary>
public static class HeadlessChromium
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);
    private static readonly string[] Names = ["chromium", "chromium-browser"];

    /// <summary>The browser on PATH (chromium or chromium-browser); the test fails naming the package when there is none.</summary>
    public static string Executable =>
        Names.SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries).Select(dir => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("Chromium is not installed: apt-get install chromium (.ci/run does this).");

    public static async Task<string> DumpDomAsync(Uri page) => await RunAsync("--dump-dom", page.ToString());

    public static async Task ScreenshotAsync(Uri page, string pngPath)
    {
        await RunAsync("--screenshot=" + pngPath, "--window-size=1200,1400", "--hide-scrollbars", page.ToString());
        if (!File.Exists(pngPath))
        {
            throw new InvalidOperationException($"Chromium wrote no screenshot to {pngPath}.");
        }
    }

    private static async Task<string> RunAsync(params string[] arguments)
    {
        var profile = Directory.CreateTempSubdirectory("chatbot-chromium-");
        try
        {
            var start = new ProcessStartInfo(Executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions", "--user-data-dir=" + profile.FullName }.Concat(arguments))
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("Chromium did not start.");
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var limit = new CancellationTokenSource(Limit);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"Chromium did not finish within {Limit.TotalSeconds} s: {await errors}");
            }

            return process.ExitCode == 0 ? await output : throw new InvalidOperationException($"Chromium exited with {process.ExitCode}: {await errors}");
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
